package io.klio.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.execution.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredLetterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00.123Z");

  @Test
  void aLetterReadsBackAsTheSinkWroteIt() throws IOException {
    DeadLetter letter =
        new DeadLetter(
            "energy",
            "a b",
            "java.io.IOException: x\n\tat y(Z.java:1)\n",
            3,
            TIME,
            new byte[] {1, 2, 3});
    byte[] stored = JSON.writeValueAsBytes(StoredLetter.fields(letter));

    StoredLetter read = StoredLetter.parse("f.json", stored, Optional.empty());

    assertThat(read.job()).isEqualTo("energy");
    assertThat(read.element()).isEqualTo("a b");
    assertThat(read.reason()).isEqualTo(letter.reason());
    assertThat(read.summary()).isEqualTo("java.io.IOException: x");
    assertThat(read.attempts()).isEqualTo(3);
    assertThat(read.time()).isEqualTo(TIME);
    assertThat(read.message()).containsExactly(1, 2, 3);
  }

  @Test
  void aLetterFromBeforeSummaryAttemptsAndTimeTakesItsFilesWriteTime() throws IOException {
    byte[] old =
        "{\"job\":\"j\",\"element\":\"e\",\"reason\":\"boom\\nat x\",\"message\":\"\"}"
            .getBytes(StandardCharsets.UTF_8);

    StoredLetter read = StoredLetter.parse("f.json", old, Optional.of(TIME));

    assertThat(read.summary()).isEqualTo("boom");
    assertThat(read.attempts()).isZero();
    assertThat(read.time()).isEqualTo(TIME);
  }

  @Test
  void filesThatAreNoLettersAreRefusedWithTheirName() {
    assertThatThrownBy(
            () ->
                StoredLetter.parse(
                    "bad.json", "[1]".getBytes(StandardCharsets.UTF_8), Optional.empty()))
        .hasMessageStartingWith("bad.json: not a dead letter");
    assertThatThrownBy(
            () ->
                StoredLetter.parse(
                    "t.json",
                    "{\"reason\":\"r\",\"time\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8),
                    Optional.empty()))
        .hasMessageContaining("not an ISO-8601 instant");
  }

  @Test
  void theGroupedSummaryNamesTheIdOnlyWhereItStandsOnItsOwn() {
    assertThat(letter("a", "java.lang.IllegalStateException: failed for a").groupedSummary())
        .isEqualTo("java.lang.IllegalStateException: failed for {id}");
    assertThat(
            letter("a", "input missing: 'raw' at /data/in/a.txt (external data)").groupedSummary())
        .isEqualTo("input missing: 'raw' at /data/in/{id}.txt (external data)");
    assertThat(letter("in", "input missing: 'raw' at /data/in/in.txt").groupedSummary())
        .isEqualTo("input missing: 'raw' at /data/{id}/{id}.txt");
    assertThat(letter("a.b", "failed for a_b and a.b").groupedSummary())
        .isEqualTo("failed for a_b and {id}");
  }

  private static StoredLetter letter(String element, String summary) {
    return new StoredLetter("f", "j", element, summary, summary, 0, TIME, new byte[0]);
  }
}
