package io.klio.runtime.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.message.proto.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Inputs for fuzzing whatever reads the bytes of Klio messages: random bytes, truncated and mutated
 * golden encodings (klio-wire-vectors.tsv), oversized inputs of 1 to 16 MB, and valid messages with
 * arbitrary (also hostile) element ids and routing.
 */
public final class FuzzInputs {
  /** The golden encodings, by case. */
  public static final Map<String, byte[]> GOLDEN = readGolden();

  /** Ids a message may carry that must never reach a path. */
  public static final List<String> HOSTILE_IDS =
      List.of(
          "../x",
          "..\\x",
          "/etc/x",
          "file:/etc/x",
          "s3://bucket/x",
          "gs://bucket/x",
          "%2e%2e",
          "%2e%2e%2F%2e%2e%2Fx",
          "a%2Fb",
          "a\u0000b",
          "a\u0001b",
          "a\nb",
          "x".repeat(10_240),
          "\u2215etc\u2215x",
          "\uff0e\uff0e",
          "\u2024\u2024",
          ".",
          "..",
          " ",
          "~",
          "*",
          "a/b",
          "\ud800",
          "\u00a0",
          "#");

  private FuzzInputs() {}

  /** Small inputs (up to a few hundred bytes): random, truncated golden, mutated golden. */
  public static Arbitrary<byte[]> smallInputs() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, randomBytes()), Tuple.of(2, truncatedGolden()), Tuple.of(6, mutatedGolden()));
  }

  /** Any bytes of at most 512, uniformly random. */
  public static Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
  }

  /** A golden encoding cut short anywhere. */
  public static Arbitrary<byte[]> truncatedGolden() {
    return golden()
        .flatMap(g -> Arbitraries.integers().between(0, g.length).map(n -> Arrays.copyOf(g, n)));
  }

  /** A golden encoding with one to six mutations applied in turn. */
  public static Arbitrary<byte[]> mutatedGolden() {
    return Combinators.combine(golden(), mutation().list().ofMinSize(1).ofMaxSize(6))
        .as(
            (bytes, mutations) -> {
              byte[] out = bytes;
              for (Mutation m : mutations) {
                out = m.apply(out);
              }
              return out;
            });
  }

  /** Valid messages, top-down, bottom-up or v1, with arbitrary ids, jobs, audit log and payload. */
  public static Arbitrary<KlioMessage> messages() {
    Arbitrary<List<JobRef>> jobs = jobs().list().ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(
            ids(),
            Arbitraries.integers().between(0, 2),
            jobs,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            jobs().list().ofMaxSize(5),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as(
            (id, routing, recipients, force, ping, audited, payload) -> {
              KlioMessage m =
                  switch (routing) {
                    case 0 -> KlioMessages.topDown(id, force, ping);
                    case 1 -> KlioMessages.bottomUp(id, recipients, recipients.get(0), force, ping);
                    default -> v1(id, recipients, force, ping);
                  };
              for (JobRef job : audited) {
                m = KlioMessages.withAudit(m, job, Instant.ofEpochSecond(1_700_000_000L));
              }
              KlioMessage.Builder b = m.toBuilder();
              b.getDataBuilder().setPayload(ByteString.copyFrom(payload));
              return b.build();
            });
  }

  /** Element ids: printable and other Unicode text (no lone surrogates), and hostile ids. */
  public static Arbitrary<String> ids() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange('\u0001', '\ud7ff')
            .withCharRange('\ue000', '\uffff')
            .ofMinLength(1)
            .ofMaxLength(40);
    Arbitrary<String> plain =
        Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> hostile = Arbitraries.of(HOSTILE_IDS).filter(id -> !id.equals("\ud800"));
    return Arbitraries.frequencyOf(Tuple.of(4, plain), Tuple.of(3, text), Tuple.of(3, hostile));
  }

  private static Arbitrary<JobRef> jobs() {
    Arbitrary<String> names = Arbitraries.of("downsample", "beat-tracking", "energy", "p-q", "");
    return Combinators.combine(names, Arbitraries.of("", "p", "my-proj")).as(JobRef::new);
  }

  private static KlioMessage v1(String id, List<JobRef> downstream, boolean force, boolean ping) {
    KlioMessage.Builder b = KlioMessage.newBuilder().setVersion(Version.V1);
    b.getDataBuilder().setEntityId(id);
    b.getMetadataBuilder().setForce(force).setPing(ping);
    downstream.forEach(job -> b.getMetadataBuilder().addDownstream(job.toProto()));
    return b.build();
  }

  private static Arbitrary<byte[]> golden() {
    return Arbitraries.of(List.copyOf(GOLDEN.values()));
  }

  private static Arbitrary<Mutation> mutation() {
    return Combinators.combine(
            Arbitraries.of(Mutation.Kind.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
        .as(Mutation::new);
  }

  /** One change to some bytes; positions and lengths are taken modulo the input's length. */
  public record Mutation(Kind kind, int at, int value, byte[] bytes) {
    public enum Kind {
      FLIP_BIT,
      SET_BYTE,
      INSERT_BYTES,
      DELETE_RANGE,
      DUPLICATE_RANGE,
      TRUNCATE,
      APPEND_GOLDEN,
      INSERT_HUGE_LENGTH,
      INSERT_TAG
    }

    /** Length prefixes that claim 2 GB, 4 GB, or are negative as int32. */
    private static final byte[][] HUGE_LENGTHS = {
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
      {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
      {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0x7f}
    };

    byte[] apply(byte[] in) {
      int n = in.length;
      int pos = n == 0 ? 0 : at % n;
      switch (kind) {
        case FLIP_BIT:
          if (n == 0) {
            return in;
          }
          byte[] flipped = in.clone();
          flipped[pos] ^= (byte) (1 << (value % 8));
          return flipped;
        case SET_BYTE:
          if (n == 0) {
            return in;
          }
          byte[] set = in.clone();
          set[pos] = (byte) value;
          return set;
        case INSERT_BYTES:
          return insert(in, at % (n + 1), bytes);
        case DELETE_RANGE:
          return n == 0 ? in : cut(in, pos, Math.min(n, pos + 1 + value % 8));
        case DUPLICATE_RANGE:
          return n == 0
              ? in
              : insert(in, pos, Arrays.copyOfRange(in, pos, Math.min(n, pos + 1 + value % 16)));
        case TRUNCATE:
          return Arrays.copyOf(in, at % (n + 1));
        case APPEND_GOLDEN:
          List<byte[]> all = List.copyOf(GOLDEN.values());
          return insert(in, n, all.get(value % all.size()));
        case INSERT_HUGE_LENGTH:
          return insert(in, at % (n + 1), HUGE_LENGTHS[value % HUGE_LENGTHS.length]);
        default: // INSERT_TAG: a field number from 1 to 40, any wire type
          int tag = ((1 + value % 40) << 3) | (at % 8);
          return insert(in, at % (n + 1), varint(tag));
      }
    }

    @Override
    public String toString() {
      return kind + "@" + at + "/" + value;
    }
  }

  /**
   * An input of about {@code size} bytes built from {@code seed} (so that jqwik never holds or
   * shrinks megabytes): random bytes; a golden encoding repeated (protobuf merges concatenated
   * messages, so repeated fields grow); a message with a payload of that size; or a message padded
   * with as many tiny fields as fit (empty jobs, empty audit entries, unknown numbers, unknown
   * groups), each of which parsing makes an object.
   */
  public record Oversized(Kind kind, int size, long seed) {
    public enum Kind {
      RANDOM,
      REPEATED_GOLDEN,
      PAYLOAD,
      EMPTY_DOWNSTREAM_JOBS,
      EMPTY_AUDIT_ENTRIES,
      UNKNOWN_VARINTS,
      UNKNOWN_GROUPS
    }

    public byte[] bytes() {
      Random random = new Random(seed);
      List<byte[]> golden = List.copyOf(GOLDEN.values());
      byte[] base = golden.get(random.nextInt(golden.size()));
      switch (kind) {
        case RANDOM:
          {
            byte[] out = new byte[size];
            random.nextBytes(out);
            return out;
          }
        case REPEATED_GOLDEN:
          return repeat(new byte[0], base, size);
        case PAYLOAD:
          {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            return concat(base, field(2, concat(new byte[] {0x1a, 1, 'p'}, field(2, payload))));
          }
        case EMPTY_DOWNSTREAM_JOBS:
          return concat(base, field(1, repeat(new byte[0], new byte[] {0x0a, 0x00}, size)));
        case EMPTY_AUDIT_ENTRIES:
          return concat(base, field(1, repeat(new byte[0], new byte[] {0x1a, 0x00}, size)));
        case UNKNOWN_VARINTS:
          return repeat(base, new byte[] {0x20, 0x00}, size);
        default: // UNKNOWN_GROUPS: field 5, start and end, empty
          return repeat(base, new byte[] {0x2b, 0x2c}, size);
      }
    }

    @Override
    public String toString() {
      return kind + " of " + size + " bytes (seed " + seed + ")";
    }
  }

  private static byte[] insert(byte[] in, int at, byte[] piece) {
    byte[] out = new byte[in.length + piece.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(in, at, out, at + piece.length, in.length - at);
    return out;
  }

  private static byte[] cut(byte[] in, int from, int to) {
    byte[] out = new byte[in.length - (to - from)];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(in, to, out, from, in.length - to);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return insert(a, a.length, b);
  }

  /** {@code prefix}, then {@code unit} as often as fits in {@code size} bytes. */
  private static byte[] repeat(byte[] prefix, byte[] unit, int size) {
    int units = Math.max(0, (size - prefix.length) / unit.length);
    byte[] out = Arrays.copyOf(prefix, prefix.length + units * unit.length);
    for (int i = 0; i < units; i++) {
      System.arraycopy(unit, 0, out, prefix.length + i * unit.length, unit.length);
    }
    return out;
  }

  /** A length-delimited field. */
  private static byte[] field(int number, byte[] value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 8);
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeByteArray(number, value);
      coded.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] varint(int value) {
    List<Byte> out = new ArrayList<>();
    int v = value;
    while ((v & ~0x7f) != 0) {
      out.add((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.add((byte) v);
    byte[] bytes = new byte[out.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = out.get(i);
    }
    return bytes;
  }

  private static Map<String, byte[]> readGolden() {
    try {
      return WireVectorsTest.vectors();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
