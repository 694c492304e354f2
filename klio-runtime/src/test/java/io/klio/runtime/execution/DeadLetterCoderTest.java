package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class DeadLetterCoderTest {
  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00.123Z");

  private static DeadLetter letter(String id) {
    return letter(id, 3, TIME);
  }

  private static DeadLetter letter(String id, int attempts, Instant time) {
    return new DeadLetter(
        "decode",
        id,
        "java.io.IOException: not a WAV\n\tat x.y(Z.java:1)",
        attempts,
        time,
        ("message of " + id).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lettersRoundTripAndEqualContentMeansEqualLetters() throws Exception {
    DeadLetterCoder coder = DeadLetterCoder.of();
    for (DeadLetter letter :
        new DeadLetter[] {
          letter("a"),
          letter(null),
          DeadLetter.notRun("", "x", "bad id", new byte[0]),
          letter("\ud800x"),
          letter("caf\u00e9 \ud83c\udfb5")
        }) {
      CoderProperties.coderDecodeEncodeEqual(coder, letter);
      CoderProperties.coderConsistentWithEquals(coder, letter, letter("a"));
      CoderProperties.structuralValueDecodeEncodeEqual(coder, letter);
    }
    DeadLetter copy = CoderUtils.clone(coder, letter("a"));
    assertThat(copy).isEqualTo(letter("a")).hasSameHashCodeAs(letter("a"));
    assertThat(copy.message()).isNotSameAs(letter("a").message());
    assertThat(letter("a")).isNotEqualTo(letter("b"));
    assertThat(copy.attempts()).isEqualTo(3);
    assertThat(copy.time()).isEqualTo(TIME);
    assertThat(letter("a")).isNotEqualTo(letter("a", 2, TIME));
    assertThat(letter("a")).isNotEqualTo(letter("a", 3, TIME.plusMillis(1)));
    // An id that is no valid UTF-16 (a lone surrogate) comes back exactly, as its letter's name.
    assertThat(CoderUtils.clone(coder, letter("\ud800x")).elementId()).isEqualTo("\ud800x");
  }

  @Test
  void theSummaryIsTheReasonsFirstLine() {
    assertThat(letter("a").summary()).isEqualTo("java.io.IOException: not a WAV");
    assertThat(letter("a").toString()).doesNotContain("\tat ").contains("message=12 bytes");
  }
}
