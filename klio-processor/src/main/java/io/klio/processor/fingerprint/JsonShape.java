package io.klio.processor.fingerprint;

import io.klio.processor.base.TypeNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * What decides the JSON of a record or bean besides the code that fills it: its fields' names and
 * types, and so on for the types of those fields (from sources or jars, not the JDK's), and an
 * enum's constants. A renamed record component renames a JSON property even when no code that reads
 * or builds it changes.
 */
final class JsonShape {
  private JsonShape() {}

  /** One line per type, in the order first reached from {@code type}. */
  static String of(TypeMirror type) {
    List<String> lines = new ArrayList<>();
    add(type, lines, new HashSet<>());
    return String.join("\n", lines);
  }

  private static void add(TypeMirror type, List<String> lines, Set<String> seen) {
    if (type.getKind() == TypeKind.ARRAY) {
      add(((ArrayType) type).getComponentType(), lines, seen);
      return;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return;
    }
    DeclaredType declared = (DeclaredType) type;
    declared.getTypeArguments().forEach(argument -> add(argument, lines, seen));
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.") || !seen.add(name)) {
      return;
    }
    if (element.getKind() == ElementKind.ENUM) {
      lines.add(
          name
              + " enum "
              + element.getEnclosedElements().stream()
                  .filter(member -> member.getKind() == ElementKind.ENUM_CONSTANT)
                  .map(member -> member.getSimpleName().toString())
                  .collect(Collectors.joining(",")));
      return;
    }
    List<VariableElement> fields = new ArrayList<>();
    for (TypeElement t = element; t != null; t = superclass(t)) {
      for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (!field.getModifiers().contains(Modifier.STATIC)) {
          fields.add(field);
        }
      }
    }
    lines.add(
        name
            + " "
            + fields.stream()
                .map(field -> field.getSimpleName() + ":" + TypeNames.of(field.asType()))
                .collect(Collectors.joining(",")));
    fields.forEach(field -> add(field.asType(), lines, seen));
  }

  /** The superclass, unless it is the JDK's (Object, Record, ...) or none. */
  private static TypeElement superclass(TypeElement type) {
    if (type.getSuperclass().getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element element = ((DeclaredType) type.getSuperclass()).asElement();
    String name = ((TypeElement) element).getQualifiedName().toString();
    return name.startsWith("java.") ? null : (TypeElement) element;
  }
}
