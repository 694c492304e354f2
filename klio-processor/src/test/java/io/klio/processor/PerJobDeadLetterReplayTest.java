package io.klio.processor;

import static io.klio.processor.PerJobHarness.subscription;
import static io.klio.processor.PerJobHarness.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.testing.compile.JavaFileObjects;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.testsupport.PubsubEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deadletters replay} of a job in per-job streaming mode, on the Pub/Sub emulator: the job
 * dead-letters a message whose input is missing; once the input is there, replay republishes the
 * letter's original bytes to the job's input topic, the running pipeline computes the element, and
 * the letter is archived. A second subscription on the input topic sees the same bytes twice.
 */
class PerJobDeadLetterReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "test.replay.Jobs",
          "package test.replay;",
          "import io.klio.annotations.*;",
          "public class Jobs {",
          "  @KlioJob(name = \"flaky\") @Output(location = \"${data}/flaky/{id}.txt\")",
          "  public static String flaky(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return raw.strip();",
          "  }",
          "}");

  @TempDir static Path dir;
  static PerJobHarness harness;
  static Path data;
  static Path config;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<Path> binary = PubsubEmulator.binary(why);
    assumeThat(binary).as("Pub/Sub emulator: " + why).isPresent();
    harness = PerJobHarness.start(binary.get(), dir, JOBS);
    data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("in"));
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        TopicAdminClient topics = endpoint.topicAdmin();
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      topics.createTopic(topic("flaky-in"));
      PerJobHarness.subscribe(subscriptions, "flaky-in", "flaky-in", 60);
      PerJobHarness.subscribe(subscriptions, "flaky-tap", "flaky-in", 60);
    }
    config =
        Files.writeString(
            dir.resolve("klio.yaml"),
            String.join(
                "\n",
                "vars:",
                "  data: " + data,
                harness.pipelineSection(),
                "deadLetters: ${data}/dead",
                "jobs:",
                "  flaky:",
                "    events:",
                "      inputTopic: " + topic("flaky-in"),
                "      inputSubscription: " + subscription("flaky-in"),
                ""));
    harness.useConfig(config);
    harness.runInBackground("flaky");
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void replayRepublishesTheOriginalBytesAndTheRunningJobComputesTheElement() throws Exception {
    harness.publish("--job", "flaky", "--id", "x");
    harness.await("the dead letter of x", () -> files(data.resolve("dead/flaky")).size() == 1);
    Path letter = files(data.resolve("dead/flaky")).get(0);
    byte[] original =
        Base64.getDecoder().decode(JSON.readTree(letter.toFile()).get("message").asText());
    Files.writeString(data.resolve("in/x.txt"), "text of x\n");

    CompiledProject.Result replay =
        harness.klio("deadletters", "replay", "--config", config.toString());

    assertThat(replay.status()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).contains("flaky: republished 1 message(s) to " + topic("flaky-in"));
    assertThat(files(data.resolve("dead/flaky"))).isEmpty();
    assertThat(files(data.resolve("dead/_replayed/flaky"))).hasSize(1);
    harness.await("flaky/x.txt", () -> Files.exists(data.resolve("flaky/x.txt")));
    assertThat(data.resolve("flaky/x.txt")).hasContent("text of x");
    assertThat(tapped(2))
        .as("the published message, then the replayed letter")
        .hasSize(2)
        .allSatisfy(bytes -> assertThat(bytes).isEqualTo(original));
  }

  /** What the second subscription on the input topic got, until {@code count} or the timeout. */
  private static List<byte[]> tapped(int count) throws IOException {
    List<byte[]> received = new ArrayList<>();
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      long deadline = System.nanoTime() + PerJobHarness.TIMEOUT.toNanos();
      while (received.size() < count && System.nanoTime() < deadline) {
        PullResponse response =
            subscriptions.pull(
                PullRequest.newBuilder()
                    .setSubscription(subscription("flaky-tap"))
                    .setMaxMessages(10)
                    .build());
        List<String> acks = new ArrayList<>();
        for (ReceivedMessage m : response.getReceivedMessagesList()) {
          received.add(m.getMessage().getData().toByteArray());
          acks.add(m.getAckId());
        }
        if (!acks.isEmpty()) {
          subscriptions.acknowledge(subscription("flaky-tap"), acks);
        }
      }
    }
    return received;
  }

  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      // a letter being written has a temporary name starting with '.'
      return files
          .filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
