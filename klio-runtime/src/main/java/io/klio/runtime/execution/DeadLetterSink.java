package io.klio.runtime.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every dead letter, once each, and, where a dead-letter location is configured
 * (for the run or the job), stores it as {@code <location>/<job>/<element>.json} with the original
 * message bytes, so that it can be inspected and replayed. A letter without an element id (bytes
 * that are not a Klio message) is stored as {@code _unknown-<digest of the bytes>.json}. Each
 * letter is written on its own as it comes, so the sink works the same in batch and streaming
 * pipelines, whatever their windowing. A stored letter is logged in one line, since its file holds the
 * whole reason (the stack trace); without a location the log gets the whole reason.
 */
public final class DeadLetterSink extends DoFn<DeadLetter, Void> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NAMESPACE = "klio";
  static final String COUNTER = "dead-letters";

  private final Counter count = Metrics.counter(NAMESPACE, COUNTER);
  private final String runLocation;
  private final RunSettings settings;

  public DeadLetterSink(Optional<String> runLocation, RunSettings settings) {
    this.runLocation = runLocation.orElse(null);
    this.settings = settings;
  }

  @ProcessElement
  public void process(@Element DeadLetter letter) throws Exception {
    count.inc();
    String job = letter.job().isEmpty() ? "(before any job)" : letter.job();
    Optional<String> location =
        letter.job().isEmpty()
            ? Optional.ofNullable(runLocation)
            : settings.job(letter.job()).deadLetterLocation().or(() -> Optional.ofNullable(runLocation));
    if (location.isEmpty()) { // the log is all there is: the whole reason goes there
      LOG.error("dead letter: job '{}', element '{}': {}", job, letter.elementId(), letter.reason());
      return;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("job", letter.job());
    record.put("element", letter.elementId());
    record.put("reason", letter.reason());
    record.put("message", Base64.getEncoder().encodeToString(letter.message()));
    String name =
        letter.elementId() == null || letter.elementId().isEmpty()
            ? "_unknown-" + digest(letter.message())
            : safeName(letter.elementId());
    String folder = letter.job().isEmpty() ? "_run" : letter.job();
    String target = location.get() + "/" + folder + "/" + name + ".json";
    Storage.writeAtomically(
        target, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, record));
    LOG.error("dead letter: job '{}', element '{}': {} (stored in {})",
        job, letter.elementId(), letter.summary(), target);
  }

  /** Element ids are untrusted here (a dead letter may be about a hostile id). */
  private static String safeName(String id) {
    if (id == null || id.isEmpty()) {
      return "_unknown";
    }
    String cleaned = id.replaceAll("[^A-Za-z0-9_-]", "_");
    cleaned = cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    return cleaned + "-" + digest(id.getBytes(StandardCharsets.UTF_8)); // distinct ids stay distinct
  }

  /**
   * 128 bits of the bytes' SHA-256, in hex: two letters never share a name by chance, where a
   * 32-bit hash makes a collision likely among some 10^5 letters.
   */
  static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
