package io.klio.processor.model;

import io.klio.processor.base.Constructors;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Which types Klio can store, and how: built-ins, records and beans as JSON, and every
 * {@code @KlioCodec} of this compilation and of the classpath.
 */
public final class CodecCatalog {
  private static final Set<String> JSON_SCALARS =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Double",
          "java.lang.Float",
          "java.lang.Short");

  /** Qualified type name to codec class binary name. */
  private final Map<String, String> custom;

  public CodecCatalog(Map<String, String> custom) {
    this.custom = new TreeMap<>(custom);
  }

  public Optional<StorageCodec> codecFor(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
      return Optional.of(new StorageCodec(StorageCodec.Kind.BYTES, null));
    }
    if (type.getKind().isPrimitive()) {
      return Optional.of(
          new StorageCodec(StorageCodec.Kind.JSON, null)); // a JSON number or boolean
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (custom.containsKey(name)) {
      return Optional.of(new StorageCodec(StorageCodec.Kind.CUSTOM, custom.get(name)));
    }
    switch (name) {
      case "java.lang.String":
        return Optional.of(new StorageCodec(StorageCodec.Kind.STRING, null));
      case "java.nio.file.Path":
        return Optional.of(new StorageCodec(StorageCodec.Kind.LOCAL_FILE, null));
      default:
        break;
    }
    if (JSON_SCALARS.contains(name) || isRecord(element) || isBean(element)) {
      return declared.getTypeArguments().isEmpty()
          ? Optional.of(new StorageCodec(StorageCodec.Kind.JSON, null))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean isRecord(TypeElement element) {
    return element.getKind() == ElementKind.RECORD
        && element.getModifiers().contains(Modifier.PUBLIC);
  }

  /** A public, concrete, non-JDK class that Jackson can create: a public no-arg constructor. */
  private static boolean isBean(TypeElement element) {
    String name = element.getQualifiedName().toString();
    if (element.getKind() != ElementKind.CLASS
        || name.startsWith("java.")
        || name.startsWith("javax.")
        || !element.getModifiers().contains(Modifier.PUBLIC)
        || element.getModifiers().contains(Modifier.ABSTRACT)
        || !element.getTypeParameters().isEmpty()
        || (element.getNestingKind().isNested()
            && !element.getModifiers().contains(Modifier.STATIC))) {
      return false;
    }
    return Constructors.hasPublicNoArg(element);
  }
}
