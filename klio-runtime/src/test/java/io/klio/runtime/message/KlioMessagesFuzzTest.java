package io.klio.runtime.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.message.FuzzInputs.Oversized;
import io.klio.runtime.message.proto.KlioMessage;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@link KlioMessages#parse}, the first thing that touches the bytes of a Pub/Sub message:
 * whatever the bytes, it returns a message with an element id that re-encodes to itself, or rejects
 * them with {@link MalformedMessageException} and a reason; nothing else escapes, and it allocates
 * in proportion to the bytes it was given, never to what they claim. Valid messages round-trip. The
 * inputs each property tried are printed when the class ends.
 */
class KlioMessagesFuzzTest {
  private static final Map<String, long[]> TRIED = new ConcurrentSkipListMap<>();

  @Property(tries = 10_000)
  void smallInputsDecodeOrAreRejectedWithAReason(@ForAll("small") byte[] bytes) {
    decodeOrReject("small inputs (random, truncated, mutated golden)", bytes);
  }

  /** Each try: one size and seed, every kind of oversized input. */
  @Property(tries = 3, shrinking = ShrinkingMode.OFF)
  void oversizedInputsDecodeOrAreRejectedWithBoundedAllocation(
      @ForAll @IntRange(min = 1 << 20, max = 16 << 20) int size, @ForAll long seed) {
    for (Oversized.Kind kind : Oversized.Kind.values()) {
      decodeOrReject("oversized inputs (1-16 MB)", new Oversized(kind, size, seed).bytes());
    }
  }

  @Example
  void lengthPrefixesClaimingGigabytesAreRejectedWithoutAllocatingThem() {
    byte[][] claims = {
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, // 2 GB - 1
      {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // 4 GB - 1
      {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, // 2 GB, negative as int32
    };
    for (int field = 1; field <= 3; field++) {
      for (byte[] claim : claims) {
        byte[] bytes = new byte[1 + claim.length + 3];
        bytes[0] = (byte) (field << 3 | 2); // length-delimited
        System.arraycopy(claim, 0, bytes, 1, claim.length);
        assertThat(decodeOrReject("length prefixes of 2-4 GB", bytes)).isNull();
      }
    }
  }

  /** 16 MB of fields of two bytes each: protobuf would make millions of objects of them. */
  @Example
  void millionsOfTinyFieldsAreRejectedBeforeTheyAreBuilt() {
    for (Oversized.Kind kind :
        List.of(
            Oversized.Kind.EMPTY_DOWNSTREAM_JOBS,
            Oversized.Kind.EMPTY_AUDIT_ENTRIES,
            Oversized.Kind.UNKNOWN_VARINTS,
            Oversized.Kind.UNKNOWN_GROUPS)) {
      byte[] bytes = new Oversized(kind, 16 << 20, 1).bytes();
      assertThat(decodeOrReject("millions of tiny fields", bytes)).as(kind.name()).isNull();
    }
  }

  @Property(tries = 2_000)
  void validMessagesRoundTrip(@ForAll("messages") KlioMessage message) throws Exception {
    count("valid messages, round trip", true);
    KlioMessage expected = KlioMessages.normalize(message);
    KlioMessage decoded = KlioMessages.parse(KlioMessages.toBytes(message));
    assertThat(decoded).isEqualTo(expected);
    assertThat(KlioMessages.toBytes(decoded)).isEqualTo(KlioMessages.toBytes(expected));
    assertThat(KlioMessages.elementId(decoded)).isEqualTo(KlioMessages.elementId(message));
  }

  @Provide
  Arbitrary<byte[]> small() {
    return FuzzInputs.smallInputs();
  }

  @Provide
  Arbitrary<KlioMessage> messages() {
    return FuzzInputs.messages();
  }

  @AfterContainer
  static void printInputsTried() {
    TRIED.forEach(
        (property, n) ->
            System.out.printf(
                "fuzz KlioMessages.parse, %s: %d inputs tried, %d decoded, %d rejected%n",
                property, n[0] + n[1], n[0], n[1]));
  }

  /**
   * Parses {@code bytes} and checks the outcome; returns the message, or null if it was rejected.
   */
  static KlioMessage decodeOrReject(String property, byte[] bytes) {
    long before = Allocations.current();
    KlioMessage message = null;
    MalformedMessageException rejected = null;
    Throwable other = null;
    try {
      message = KlioMessages.parse(bytes);
    } catch (MalformedMessageException e) {
      rejected = e;
    } catch (Throwable e) { // RuntimeException, StackOverflowError, OutOfMemoryError
      other = e;
    }
    long allocated = Allocations.current() - before;
    count(property, message != null);
    Statistics.collect(message != null ? "decoded" : "rejected");
    if (other != null) {
      throw new AssertionError("parse threw " + other + " for " + describe(bytes), other);
    }
    assertThat(allocated)
        .as("bytes allocated parsing " + describe(bytes))
        .isLessThanOrEqualTo(Allocations.boundFor(bytes.length));
    if (rejected != null) {
      assertThat(rejected.getMessage())
          .as("the reason for rejecting " + describe(bytes))
          .isNotBlank();
      return null;
    }
    assertThat(KlioMessages.elementId(message)).isNotEmpty();
    try {
      assertThat(KlioMessages.parse(KlioMessages.toBytes(message))).isEqualTo(message);
    } catch (MalformedMessageException e) {
      throw new AssertionError("a decoded message does not decode again: " + describe(bytes), e);
    }
    return message;
  }

  private static void count(String property, boolean decoded) {
    long[] n = TRIED.computeIfAbsent(property, p -> new long[2]);
    synchronized (n) {
      n[decoded ? 0 : 1]++;
    }
  }

  static String describe(byte[] bytes) {
    int shown = Math.min(bytes.length, 64);
    return bytes.length
        + " bytes: "
        + HexFormat.of().formatHex(bytes, 0, shown)
        + (shown < bytes.length ? "..." : "");
  }
}
