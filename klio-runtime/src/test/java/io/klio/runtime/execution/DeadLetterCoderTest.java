package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class DeadLetterCoderTest {
  private static DeadLetter letter(String id) {
    return new DeadLetter("decode", id, "java.io.IOException: not a WAV\n\tat x.y(Z.java:1)",
        ("message of " + id).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lettersRoundTripAndEqualContentMeansEqualLetters() throws Exception {
    DeadLetterCoder coder = DeadLetterCoder.of();
    for (DeadLetter letter : new DeadLetter[] {
        letter("a"), letter(null), new DeadLetter("", "x", "bad id", new byte[0]),
        letter("\ud800x"), letter("caf\u00e9 \ud83c\udfb5")}) {
      CoderProperties.coderDecodeEncodeEqual(coder, letter);
      CoderProperties.coderConsistentWithEquals(coder, letter, letter("a"));
      CoderProperties.structuralValueDecodeEncodeEqual(coder, letter);
    }
    DeadLetter copy = CoderUtils.clone(coder, letter("a"));
    assertThat(copy).isEqualTo(letter("a")).hasSameHashCodeAs(letter("a"));
    assertThat(copy.message()).isNotSameAs(letter("a").message());
    assertThat(letter("a")).isNotEqualTo(letter("b"));
    // An id that is no valid UTF-16 (a lone surrogate) comes back exactly, as its letter's name.
    assertThat(CoderUtils.clone(coder, letter("\ud800x")).elementId()).isEqualTo("\ud800x");
  }

  @Test
  void theSummaryIsTheReasonsFirstLine() {
    assertThat(letter("a").summary()).isEqualTo("java.io.IOException: not a WAV");
    assertThat(letter("a").toString()).doesNotContain("\tat ").contains("message=12 bytes");
  }
}
