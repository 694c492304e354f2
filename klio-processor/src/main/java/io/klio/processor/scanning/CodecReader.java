package io.klio.processor.scanning;

import io.klio.processor.base.Constructors;
import io.klio.processor.base.Names;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads a {@code @KlioCodec} class: is it usable, and which type does it store? */
public final class CodecReader {
  private CodecReader() {}

  /** The qualified name of {@code T} in {@code Codec<T>}, if the class is a usable codec. */
  public static Optional<String> encodedType(TypeElement codec) {
    if (codec.getKind() != ElementKind.CLASS
        || !codec.getModifiers().contains(Modifier.PUBLIC)
        || codec.getModifiers().contains(Modifier.ABSTRACT)
        || !Constructors.hasPublicNoArg(codec)) {
      return Optional.empty();
    }
    Deque<TypeMirror> pending = new ArrayDeque<>();
    pending.add(codec.asType());
    while (!pending.isEmpty()) {
      TypeMirror type = pending.removeFirst();
      if (type.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) type;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getQualifiedName().contentEquals(Names.CODEC_INTERFACE)) {
        if (declared.getTypeArguments().size() == 1
            && declared.getTypeArguments().get(0).getKind() == TypeKind.DECLARED) {
          DeclaredType encoded = (DeclaredType) declared.getTypeArguments().get(0);
          return Optional.of(((TypeElement) encoded.asElement()).getQualifiedName().toString());
        }
        return Optional.empty();
      }
      pending.addAll(element.getInterfaces());
      pending.add(element.getSuperclass());
    }
    return Optional.empty();
  }
}
