package io.klio.runtime.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * Encodes a {@link DeadLetter} field by field. Equal letters have equal encodings and the other way
 * round, so runners can compare letters by value (Java serialization compared the message bytes by
 * identity, and the DirectRunner warned about every letter). Texts are encoded as their UTF-16 code
 * units, not as UTF-8: a letter about a hostile id (a lone surrogate) must name the id exactly.
 */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final Coder<String> TEXT = new CodeUnits();
  private static final Coder<String> ELEMENT = NullableCoder.of(TEXT);
  private static final Coder<byte[]> BYTES = ByteArrayCoder.of();
  private static final Coder<Integer> COUNT = VarIntCoder.of();
  private static final Coder<Long> MILLIS = BigEndianLongCoder.of();

  private DeadLetterCoder() {}

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter letter, OutputStream out) throws IOException {
    TEXT.encode(letter.job(), out);
    ELEMENT.encode(letter.elementId(), out);
    TEXT.encode(letter.reason(), out);
    COUNT.encode(letter.attempts(), out);
    MILLIS.encode(letter.time().toEpochMilli(), out);
    BYTES.encode(letter.message(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return new DeadLetter(
        TEXT.decode(in),
        ELEMENT.decode(in),
        TEXT.decode(in),
        COUNT.decode(in),
        Instant.ofEpochMilli(MILLIS.decode(in)),
        BYTES.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  /** A string as its UTF-16 code units, whatever they are. */
  private static final class CodeUnits extends AtomicCoder<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(String text, OutputStream out) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(text.length() * 2);
      bytes.asCharBuffer().put(text);
      BYTES.encode(bytes.array(), out);
    }

    @Override
    public String decode(InputStream in) throws IOException {
      return ByteBuffer.wrap(BYTES.decode(in)).asCharBuffer().toString();
    }
  }
}
