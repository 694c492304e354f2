package io.klio.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Turns values of one type into the bytes of a stored file and back.
 *
 * <p>Klio has codecs for {@code byte[]}, {@code String}, {@code java.nio.file.Path}, records and
 * beans (JSON). A library adds a type by implementing this interface in a public class with a
 * public no-arg constructor and annotating that class with {@code io.klio.annotations.KlioCodec};
 * the annotation processor then accepts the type in every compilation that has the library on its
 * classpath, and generated jobs instantiate the codec directly.
 *
 * <p>This interface lives in {@code klio-codec}, which has no dependencies, so a codec library
 * pulls neither Beam nor the Klio runtime into its users.
 *
 * <p>Codecs travel with Beam transforms to workers, so they are serializable and stateless.
 *
 * @param <T> the type encoded
 */
public interface Codec<T> extends Serializable {
  /** Writes {@code value} to {@code out}; does not close {@code out}. */
  void encode(T value, OutputStream out) throws IOException;

  /**
   * Reads a value from {@code in}; does not close {@code in}.
   *
   * @throws CodecException if the bytes are not a valid encoding of the type
   */
  T decode(InputStream in) throws IOException;
}
