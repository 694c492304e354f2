package io.klio.processor;

import static io.klio.processor.PerJobHarness.subscription;
import static io.klio.processor.PerJobHarness.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.testing.compile.JavaFileObjects;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.testsupport.PubsubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 100,000 Klio messages published in one burst ({@code klio publish --ids FILE}) through the
 * real Pub/Sub emulator to one job in per-job streaming mode on the DirectRunner. Each id must be
 * computed exactly once, into one output file: {@code processed} equals the count, no dead letter,
 * no other outcome but {@code skipped-output-exists}.
 *
 * <p>That last one counts messages Pub/Sub delivered again: it delivers at least once, and the
 * DirectRunner drops a repeated delivery by its message id but remembers at most 100,000 ids, so in
 * a burst this large some repeats get through. Each finds its output stored and is skipped, not
 * computed again; the test prints how many there were.
 */
@Tag("load")
class PubsubBurstLoadTest {
  private static final int MESSAGES = 100_000;
  private static final Duration DEADLINE = Duration.ofMinutes(20);

  /**
   * Pub/Sub's longest. Beam's reader pulls far ahead of a burst (up to 20,000 messages in flight
   * per reader) while the DirectRunner takes 10 messages per read bundle from it, and it stops
   * extending a message's deadline after 2 minutes, so with a short deadline many messages come
   * back while still waiting. On a machine busy with other builds one run of this test saw 37,312
   * repeats with 60 s and another 25,284 with 600 s; on a quiet one, none with 600 s.
   */
  private static final int ACK_DEADLINE_SECONDS = 600;

  /** Counters that say something other than how a message ended. */
  private static final Set<String> NOT_OUTCOMES =
      Set.of("retried", "requests-unanswered", "storage-requests");

  static final JavaFileObject JOB =
      JavaFileObjects.forSourceLines(
          "load.Burst",
          "package load;",
          "import io.klio.annotations.*;",
          "public class Burst {",
          "  @KlioJob(name = \"burst\") @Output(location = \"${data}/out/{id}.txt\")",
          "  public static String burst(@ElementId String id) { return \"done \" + id; }",
          "}");

  @TempDir Path dir;

  @Test
  void aBurstOfHundredThousandMessagesIsComputedOnceEach() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<Path> binary = PubsubEmulator.binary(why);
    assumeThat(binary).as("Pub/Sub emulator: " + why).isPresent();
    Path data = Files.createDirectories(dir.resolve("data"));
    List<String> ids = new ArrayList<>(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      ids.add("m" + i);
    }
    Path idFile = Files.write(dir.resolve("ids.txt"), ids);

    try (PerJobHarness harness = PerJobHarness.start(binary.get(), dir, JOB)) {
      try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
          TopicAdminClient topics = endpoint.topicAdmin();
          SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
        topics.createTopic(topic("burst-in"));
        PerJobHarness.subscribe(subscriptions, "burst-in", "burst-in", ACK_DEADLINE_SECONDS);
      }
      Path config =
          Files.writeString(
              dir.resolve("klio.yaml"),
              String.join(
                  "\n",
                  "vars:",
                  "  data: " + data,
                  harness.pipelineSection(),
                  "deadLetters: " + data.resolve("dead"),
                  "jobs:",
                  "  burst:",
                  "    events:",
                  "      inputTopic: " + topic("burst-in"),
                  "      inputSubscription: " + subscription("burst-in"),
                  ""));
      harness.useConfig(config);
      harness.runInBackground("burst");

      long started = System.nanoTime();
      harness.publish("--job", "burst", "--ids", idFile.toString());
      double publishSeconds = seconds(started);
      Progress progress = new Progress(harness, started);
      harness.await(
          "all " + MESSAGES + " messages processed",
          DEADLINE,
          () -> progress.processed() >= MESSAGES);
      double wallSeconds = seconds(started);

      // The run prints its counters every second: a few more tables show any late outcome.
      Thread.sleep(5_000);
      Map<String, Long> counters = harness.counters("burst");
      long repeats = counters.getOrDefault("skipped-output-exists", 0L);
      System.out.printf(
          "burst: published %,d messages in %.1f s (%,.0f/s); all computed after"
              + " %.1f s (%,.0f messages/s); %,d repeated deliveries skipped%n",
          MESSAGES,
          publishSeconds,
          MESSAGES / publishSeconds,
          wallSeconds,
          MESSAGES / wallSeconds,
          repeats);
      assertThat(counters.get("processed")).as(counters.toString()).isEqualTo(MESSAGES);
      assertThat(outcomes(counters) - repeats).as(counters.toString()).isEqualTo(MESSAGES);
      assertThat(harness.deadLetters("burst")).isZero();
      assertThat(data.resolve("dead")).doesNotExist();
      assertEveryOutput(data.resolve("out"), ids);
    }
  }

  private static void assertEveryOutput(Path folder, List<String> ids) throws Exception {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    names.remove(".klio"); // the directory of the outputs' provenance records
    Set<String> expected = new HashSet<>();
    ids.forEach(id -> expected.add(id + ".txt"));
    assertThat(names).hasSize(ids.size());
    assertThat(names.equals(expected)).as("the output files are exactly one per id").isTrue();
    for (String id : ids) {
      assertThat(Files.readString(folder.resolve(id + ".txt"))).isEqualTo("done " + id);
    }
  }

  static long outcomes(Map<String, Long> counters) {
    return counters.entrySet().stream()
        .filter(c -> !NOT_OUTCOMES.contains(c.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** The messages processed so far, with a line every 10 s that shows the rate over time. */
  private static final class Progress {
    private final PerJobHarness harness;
    private final long started;
    private long nextLine;

    Progress(PerJobHarness harness, long started) {
      this.harness = harness;
      this.started = started;
      this.nextLine = System.nanoTime();
    }

    long processed() {
      Map<String, Long> counters = harness.counters("burst");
      long processed = counters.getOrDefault("processed", 0L);
      if (System.nanoTime() >= nextLine) {
        nextLine = System.nanoTime() + 10_000_000_000L;
        System.out.printf(
            "burst: %,d processed, %,d outcomes after %.0f s%n",
            processed, PubsubBurstLoadTest.outcomes(counters), seconds(started));
      }
      return processed;
    }
  }
}
