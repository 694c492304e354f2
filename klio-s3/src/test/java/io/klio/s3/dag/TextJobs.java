package io.klio.s3.dag;

import io.klio.annotations.ElementId;
import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small DAG for the S3 tests, compiled with the Klio processor like a user's jobs: a root that
 * reads external data, a chain, a fan-out and a job with two parents, over String, byte[] and
 * record types.
 *
 * <pre>
 * ingest ─┬─ upper ─┬─ reversed
 *         │         └─ summary (also reads words)
 *         └─ words ─┘
 * </pre>
 */
public final class TextJobs {
  /** With this system property, {@code words} takes that many milliseconds per element. */
  public static final String SLOW_WORDS_MILLIS = "klio.test.slowWordsMillis";

  private TextJobs() {}

  /** A text and its length. */
  public record Text(String body, int length) {}

  /** The number of words of a text. */
  public record WordCount(int words) {}

  @KlioJob(name = "ingest")
  @Output(location = "${data}/ingest/{id}.json")
  public static Text ingest(@Input(location = "${data}/in/{id}.txt") String raw) {
    String body = raw.strip();
    return new Text(body, body.length());
  }

  @KlioJob(name = "upper", parents = "ingest")
  @Output(location = "${data}/upper/{id}.txt")
  public static String upper(@Input Text text) {
    return text.body().toUpperCase(Locale.ROOT);
  }

  @KlioJob(name = "reversed", parents = "upper")
  @Output(location = "${data}/reversed/{id}.bin")
  public static byte[] reversed(@Input byte[] upper) {
    byte[] out = new byte[upper.length];
    for (int i = 0; i < upper.length; i++) {
      out[i] = upper[upper.length - 1 - i];
    }
    return out;
  }

  @KlioJob(name = "words", parents = "ingest")
  @Output(location = "${data}/words/{id}.json")
  public static WordCount words(@Input Text text) throws InterruptedException {
    Thread.sleep(Long.getLong(SLOW_WORDS_MILLIS, 0));
    return new WordCount(text.body().isEmpty() ? 0 : text.body().split("\\s+").length);
  }

  @KlioJob(
      name = "summary",
      parents = {"upper", "words"})
  @Output(location = "${data}/summary/{id}.txt")
  public static String summary(
      @Input(from = "upper") String upper,
      @Input(from = "words") WordCount count,
      @ElementId String id) {
    return id
        + ": "
        + count.words()
        + " words, "
        + upper.getBytes(StandardCharsets.UTF_8).length
        + " bytes";
  }
}
