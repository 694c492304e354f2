package io.klio.processor.validation;

import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.StorageCodec;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Which outputs an input may read, for producers of this compilation and of jars alike (both are
 * seen as type mirrors). A {@code byte[]} or {@code java.nio.file.Path} input reads whatever its
 * producer stored. Any other input reads only an output whose type is assignable to it and that is
 * stored by the codec the input decodes with; so {@code byte[]} and {@code Path} outputs feed only
 * {@code byte[]} and {@code Path} inputs, not even {@code String}: UTF-8 decoding never fails, so a
 * PNG read as text would be garbled rather than rejected.
 */
public final class InputTypeRule {
  private final Types types;
  private final CodecCatalog codecs;

  public InputTypeRule(Types types, CodecCatalog codecs) {
    this.types = types;
    this.codecs = codecs;
  }

  /**
   * Why an input of type {@code input} cannot read an output of type {@code produced}, as the end
   * of a sentence about the producer ("it returns ..."); empty if it can, or if either type has no
   * codec, which is reported as such.
   */
  public Optional<String> rejection(TypeMirror input, TypeMirror produced) {
    Optional<StorageCodec> reading = codecs.codecFor(input);
    Optional<StorageCodec> writing = codecs.codecFor(produced);
    if (reading.isEmpty() || writing.isEmpty() || reading.get().isUntyped()) {
      return Optional.empty();
    }
    if (writing.get().isUntyped()) {
      return Optional.of(
          "it returns "
              + produced
              + ", whose content only a byte[] or java.nio.file.Path input"
              + " reads");
    }
    if (!types.isAssignable(produced, input)) {
      return Optional.of("it returns " + produced);
    }
    if (!reading.get().equals(writing.get())) {
      return Optional.of(
          "it returns "
              + produced
              + ", stored "
              + describe(writing.get())
              + ", but "
              + input
              + " is read "
              + describe(reading.get()));
    }
    return Optional.empty();
  }

  private static String describe(StorageCodec codec) {
    return switch (codec.kind()) {
      case BYTES -> "as raw bytes";
      case STRING -> "as UTF-8 text";
      case LOCAL_FILE -> "as a file";
      case JSON -> "as JSON";
      case CUSTOM -> "by " + codec.codecClass();
    };
  }
}
