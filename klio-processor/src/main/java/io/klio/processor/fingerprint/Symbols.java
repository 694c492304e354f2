package io.klio.processor.fingerprint;

import io.klio.processor.base.TypeNames;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Names what a name in the code resolves to, the same way in every build: binary names, and
 * signatures with canonical type names. A constant's value is part of it, since javac copies
 * constants into the code that reads them.
 */
final class Symbols {
  private final Elements elements;

  Symbols(Elements elements) {
    this.elements = elements;
  }

  String describe(Element element) {
    ElementKind kind = element.getKind();
    if (kind.isClass() || kind.isInterface()) {
      return "type " + binaryName(element);
    }
    String name = element.getSimpleName().toString();
    return switch (kind) {
      case PACKAGE -> "package " + ((PackageElement) element).getQualifiedName();
      case METHOD, CONSTRUCTOR ->
          "method " + owner(element) + "#" + name + signature((ExecutableElement) element);
      case FIELD, ENUM_CONSTANT ->
          "field "
              + owner(element)
              + "."
              + name
              + ":"
              + TypeNames.of(element.asType())
              + constant((VariableElement) element);
      case PARAMETER, LOCAL_VARIABLE, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
          "local " + name + constant((VariableElement) element);
      default -> kind.name().toLowerCase(Locale.ROOT) + " " + name;
    };
  }

  /** A method's parameter and return types, such as {@code (int,java.lang.String)void}. */
  static String signature(ExecutableElement method) {
    return method.getParameters().stream()
            .map(parameter -> TypeNames.of(parameter.asType()))
            .collect(Collectors.joining(",", "(", ")"))
        + TypeNames.of(method.getReturnType());
  }

  private String constant(VariableElement variable) {
    Object value = variable.getConstantValue();
    return value == null ? "" : " = " + elements.getConstantExpression(value);
  }

  private String owner(Element member) {
    return binaryName(member.getEnclosingElement());
  }

  private String binaryName(Element element) {
    return element instanceof TypeElement type
        ? elements.getBinaryName(type).toString()
        : String.valueOf(element); // a member of something that is no type; not seen so far
  }
}
