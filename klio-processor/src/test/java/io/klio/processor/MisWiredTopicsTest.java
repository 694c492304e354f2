package io.klio.processor;

import static io.klio.processor.PerJobHarness.subscription;
import static io.klio.processor.PerJobHarness.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.testing.compile.JavaFileObjects;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.testsupport.PubsubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-job mode with a wiring mistake that sends messages round in circles: the child's output topic
 * is the parent's input topic. The cycle guard ends the loop with a dead letter once the message
 * has visited a job three times; {@code verify} reports the mistake before anything runs.
 *
 * <pre>
 * loop-in ─▶ first ─▶ loop-mid ─▶ second ─┐
 *    ▲                                   │ (mis-wired: should be its own topic)
 *    └───────────────────────────────────┘
 * </pre>
 */
class MisWiredTopicsTest {
  @TempDir Path dir;

  /** The stored dead letter, once its atomic write is done. */
  private static Optional<Path> letter(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("[^.].*\\.json")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  @Test
  void aMessageLoopingThroughMisWiredTopicsIsStoppedByTheCycleGuard() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<Path> binary = PubsubEmulator.binary(why);
    assumeThat(binary).as("Pub/Sub emulator: " + why).isPresent();
    try (PerJobHarness harness =
        PerJobHarness.start(
            binary.get(),
            dir,
            JavaFileObjects.forSourceLines(
                "loop.Jobs",
                "package loop;",
                "import io.klio.annotations.*;",
                "public class Jobs {",
                "  @KlioJob(name = \"first\") @Output(location = \"${data}/first/{id}.txt\")",
                "  public static String first(@Input(location = \"${data}/in/{id}.txt\") String in) {",
                "    return in.strip();",
                "  }",
                "  @KlioJob(name = \"second\", parents = \"first\") @Output(location = \"${data}/second/{id}.txt\")",
                "  public static String second(@Input String in) { return in + \" again\"; }",
                "}"))) {
      Path data = Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(data.resolve("in"));
      Files.writeString(data.resolve("in/x.txt"), "x\n");
      try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
          TopicAdminClient topics = endpoint.topicAdmin();
          SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
        for (String topic : List.of("loop-in", "loop-mid")) {
          topics.createTopic(topic(topic));
        }
        for (String[] s : new String[][] {{"first-in", "loop-in"}, {"second-in", "loop-mid"}}) {
          PerJobHarness.subscribe(subscriptions, s[0], s[1], 60);
        }
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
                  "  first:",
                  "    events:",
                  "      inputTopic: " + topic("loop-in"),
                  "      inputSubscription: " + subscription("first-in"),
                  "      outputTopic: " + topic("loop-mid"),
                  "  second:",
                  "    events:",
                  "      inputTopic: " + topic("loop-mid"),
                  "      inputSubscription: " + subscription("second-in"),
                  "      outputTopic: " + topic("loop-in"),
                  ""));
      harness.useConfig(config);
      CompiledProject.Result verified = harness.klio("verify", "--config", config.toString());
      assertThat(verified.status()).as(verified.out()).isEqualTo(1);
      assertThat(verified.out())
          .contains(
              "FAIL wiring of second: its outputTopic "
                  + topic("loop-in")
                  + " is the inputTopic of 'first', which is not a child of 'second'"
                  + " but upstream of it: messages would go round in circles");

      // Run anyway: the cycle guard stops what verify warned of.
      harness.runInBackground("first");
      harness.runInBackground("second");

      harness.publish("--job", "first", "--id", "x");

      Path letters = data.resolve("dead/first");
      harness.await(
          "the cycle guard's dead letter",
          () -> letter(letters).isPresent() && harness.count("first", "dead-lettered") == 1);
      JsonNode letter = new ObjectMapper().readTree(letter(letters).orElseThrow().toFile());
      assertThat(letter.get("element").asText()).isEqualTo("x");
      assertThat(letter.get("reason").asText())
          .isEqualTo(
              "cycle guard: the message already visited "
                  + PerJobHarness.PROJECT
                  + "-first 3 times (limit 3)");
      // Computed once each, then skipped on each lap until the guard stopped the message.
      assertThat(Files.readString(data.resolve("second/x.txt"))).isEqualTo("x again");
      assertThat(harness.count("first", "processed")).isEqualTo(1);
      assertThat(harness.count("first", "skipped-output-exists")).isEqualTo(2);
      Thread.sleep(3_000); // the loop is over: nothing more arrives
      assertThat(
              harness.count("second", "processed")
                  + harness.count("second", "skipped-output-exists"))
          .isEqualTo(3);
      assertThat(harness.count("first", "dead-lettered")).isEqualTo(1);
    }
  }
}
