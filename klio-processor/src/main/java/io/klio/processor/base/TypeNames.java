package io.klio.processor.base;

import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Names types the way generated specs and manifests do: canonical names without type annotations.
 * javac shows a type-use annotation such as {@code @Nullable} on a type read from source but not on
 * the same type read from a jar, and the runtime compares the output type a job was compiled
 * against with its producer's by name.
 */
public final class TypeNames {
  private TypeNames() {}

  public static String of(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type.getKind().name().toLowerCase(Locale.ROOT);
    }
    return switch (type.getKind()) {
      case ARRAY -> of(((ArrayType) type).getComponentType()) + "[]";
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        yield declared.getTypeArguments().isEmpty()
            ? name
            : declared.getTypeArguments().stream()
                .map(TypeNames::of)
                .collect(Collectors.joining(",", name + "<", ">"));
      }
      default -> type.toString();
    };
  }
}
