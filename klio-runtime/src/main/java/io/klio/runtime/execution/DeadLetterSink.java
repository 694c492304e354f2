package io.klio.runtime.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.deadletter.LetterFiles;
import io.klio.runtime.deadletter.StoredLetter;
import io.klio.runtime.storage.Storage;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every dead letter, once each, and, where a dead-letter location is configured
 * (for the run or the job), stores it as {@code <location>/<job>/<element>.json} ({@link
 * LetterFiles}, fields as {@link StoredLetter} reads them), so that {@code klio deadletters} can
 * list, show and replay it. Each letter is written on its own as it comes, so the sink works the
 * same in batch and streaming pipelines, whatever their windowing. A stored letter is logged with
 * the first lines of its reason, since its file holds the rest; without a location the log gets the
 * whole reason.
 */
public final class DeadLetterSink extends DoFn<DeadLetter, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Lines of a stored letter's reason that go to the log. */
  static final int LOGGED_LINES = 6;

  static final String NAMESPACE = "klio";
  static final String COUNTER = "dead-letters";

  private final Counter count = Metrics.counter(NAMESPACE, COUNTER);
  private final String runLocation;
  private final RunSettings settings;

  public DeadLetterSink(Optional<String> runLocation, RunSettings settings) {
    this.runLocation = runLocation.orElse(null);
    this.settings = settings;
  }

  /**
   * A sink that stores no letter, for runs that compute nothing (plans, pings): none of the per-job
   * locations is written, the letters are only counted and logged.
   */
  public static DeadLetterSink countingOnly() {
    return new DeadLetterSink(Optional.empty(), RunSettings.of(Map.of()));
  }

  @ProcessElement
  public void process(@Element DeadLetter letter) throws Exception {
    count.inc();
    String job = letter.job().isEmpty() ? "(before any job)" : letter.job();
    Optional<String> location =
        letter.job().isEmpty()
            ? Optional.ofNullable(runLocation)
            : settings
                .job(letter.job())
                .deadLetterLocation()
                .or(() -> Optional.ofNullable(runLocation));
    if (location.isEmpty()) { // the log is all there is: the whole reason goes there
      LOG.error(
          "dead letter: job '{}', element '{}', {} attempt(s): {}",
          job,
          letter.elementId(),
          letter.attempts(),
          letter.reason());
      return;
    }
    String target =
        LetterFiles.file(location.get(), letter.job(), letter.elementId(), letter.message());
    Storage.writeAtomically(
        target,
        out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, StoredLetter.fields(letter)));
    LOG.error(
        "dead letter: job '{}', element '{}', {} attempt(s): {} (stored in {})",
        job,
        letter.elementId(),
        letter.attempts(),
        firstLines(letter.reason()),
        target);
  }

  /** The reason's first lines, and how many more the file holds. */
  static String firstLines(String reason) {
    String[] lines = reason.split("\n", -1);
    int end = lines.length;
    while (end > 0 && lines[end - 1].isBlank()) {
      end--;
    }
    if (end <= LOGGED_LINES) {
      return String.join("\n", Arrays.copyOf(lines, end)).stripTrailing();
    }
    return String.join("\n", Arrays.copyOf(lines, LOGGED_LINES))
        + "\n\t... "
        + (end - LOGGED_LINES)
        + " more line(s) in the file";
  }
}
