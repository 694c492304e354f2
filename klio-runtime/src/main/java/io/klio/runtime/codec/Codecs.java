package io.klio.runtime.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.klio.codec.Codec;
import io.klio.codec.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The built-in codecs that generated code uses: bytes, UTF-8 text, local files and JSON. */
public final class Codecs {
  private Codecs() {}

  public static Codec<byte[]> bytes() {
    return new BytesCodec();
  }

  public static Codec<String> utf8() {
    return new Utf8Codec();
  }

  /**
   * A {@link Path} input is a local copy of the stored file, deleted after the job's method
   * returns; a {@link Path} output is a file the job wrote (a temporary file, typically), copied to
   * the output location and then deleted.
   */
  public static Codec<Path> localFile() {
    return new LocalFileCodec();
  }

  /** Records and beans as JSON (Jackson), with properties in a stable order. */
  public static <T> Codec<T> json(Class<T> type) {
    return new JsonCodec<>(type);
  }

  static final class BytesCodec implements Codec<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(byte[] value, OutputStream out) throws IOException {
      out.write(value);
    }

    @Override
    public byte[] decode(InputStream in) throws IOException {
      return in.readAllBytes();
    }
  }

  static final class Utf8Codec implements Codec<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(String value, OutputStream out) throws IOException {
      out.write(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decode(InputStream in) throws IOException {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static final class LocalFileCodec implements Codec<Path> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Path value, OutputStream out) throws IOException {
      if (!Files.isRegularFile(value)) {
        throw new IOException("the job returned " + value + ", which is not a file");
      }
      Files.copy(value, out);
    }

    @Override
    public Path decode(InputStream in) throws IOException {
      Path copy = Files.createTempFile("klio-input-", ".tmp");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    }
  }

  static final class JsonCodec<T> implements Codec<T> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Class<T> type;

    JsonCodec(Class<T> type) {
      this.type = type;
    }

    @Override
    public void encode(T value, OutputStream out) throws IOException {
      out.write(MAPPER.writeValueAsBytes(value));
      out.write('\n');
    }

    @Override
    public T decode(InputStream in) throws IOException {
      try {
        return MAPPER.readValue(in.readAllBytes(), type);
      } catch (JsonProcessingException e) {
        throw new CodecException(
            "not a JSON " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
      }
    }
  }
}
