package io.klio.processor;

import static io.klio.processor.PerJobHarness.subscription;
import static io.klio.processor.PerJobHarness.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.testing.compile.JavaFileObjects;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.testsupport.PubsubEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-job streaming mode against the real Pub/Sub emulator: three compiled jobs, each its own
 * streaming DirectRunner pipeline started through the CLI ({@code run --job X --config klio.yaml})
 * in a background thread, fed with {@code klio publish}.
 *
 * <pre>
 * parent-in ─▶ parent ─▶ parent-out ─┬─▶ child-in   ─▶ child
 *                                    └─▶ sibling-in ─▶ sibling
 * </pre>
 *
 * <p>The child's input topic is the parent's output topic, as in the original Klio: a bottom-up
 * message for the child reaches the sibling too, which drops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerJobPubsubFunctionalTest {
  private static final Duration TIMEOUT = PerJobHarness.TIMEOUT;

  /** shared/testdata/klio-wire-vectors.tsv, v2-top-down and v2-bottom-up (element "abc"). */
  private static final String GOLDEN_TOP_DOWN = "0a0432020a0012051a036162631802";

  private static final String GOLDEN_BOTTOM_UP =
      "0a17321512130a110a066d792d6a6f6212076d792d70726f6a12051a036162631802";

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "test.ps.Chain",
          "package test.ps;",
          "import io.klio.annotations.*;",
          "public class Chain {",
          "  @KlioJob(name = \"parent\") @Output(location = \"${data}/parent/{id}.txt\")",
          "  public static String parent(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return raw.strip().toUpperCase();",
          "  }",
          "  @KlioJob(name = \"child\", parents = \"parent\") @Output(location = \"${data}/child/{id}.txt\")",
          "  public static String child(@Input String parent) { return \"child of \" + parent; }",
          "  @KlioJob(name = \"sibling\", parents = \"parent\")",
          "  @Output(location = \"${data}/sibling/{id}.txt\")",
          "  public static String sibling(@Input String parent) { return \"sibling of \" + parent; }",
          "  @KlioJob(name = \"my-job\") @Output(location = \"${data}/my-job/{id}.txt\")",
          "  public static String myJob(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return raw;",
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
    if (binary.isEmpty()) {
      System.err.println("PerJobPubsubFunctionalTest skipped: " + why);
    }
    assumeThat(binary).as("Pub/Sub emulator: " + why).isPresent();

    harness = PerJobHarness.start(binary.get(), dir, JOBS);
    data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("in"));
    for (String id : List.of("a", "b", "g")) {
      Files.writeString(data.resolve("in/" + id + ".txt"), "element " + id + "\n");
    }

    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        TopicAdminClient topics = endpoint.topicAdmin();
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      for (String topic : List.of("parent-in", "parent-out", "golden-in")) {
        topics.createTopic(topic(topic));
      }
      subscribe(subscriptions, "parent-in", "parent-in");
      subscribe(subscriptions, "child-in", "parent-out");
      subscribe(subscriptions, "sibling-in", "parent-out");
      subscribe(subscriptions, "golden-sub", "golden-in");
    }
    config = dir.resolve("klio.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vars:",
            "  data: " + data,
            harness.pipelineSection(),
            "deadLetters: " + data.resolve("dead"),
            "jobs:",
            "  parent:",
            "    events:",
            "      inputTopic: " + topic("parent-in"),
            "      inputSubscription: " + subscription("parent-in"),
            "      outputTopic: " + topic("parent-out"),
            "  child:",
            "    events:",
            "      inputTopic: " + topic("parent-out"),
            "      inputSubscription: " + subscription("child-in"),
            "  sibling:",
            "    events:",
            "      inputSubscription: " + subscription("sibling-in"),
            "  my-job:",
            "    events:",
            "      inputTopic: " + topic("golden-in"),
            ""));
    harness.useConfig(config);
    for (String job : List.of("parent", "child", "sibling")) {
      harness.runInBackground(job);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private static void subscribe(SubscriptionAdminClient client, String name, String topic) {
    PerJobHarness.subscribe(client, name, topic, 60);
  }

  private static CompiledProject.Result klio(String... args) {
    return harness.klio(args);
  }

  private static CompiledProject.Result publish(String... args) {
    return harness.publish(args);
  }

  private static long count(String job, String counter) {
    return harness.count(job, counter);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    harness.await(what, condition);
  }

  private static String read(String relative) throws IOException {
    return Files.readString(data.resolve(relative));
  }

  @Test
  @Order(1)
  void topDownMessageRunsTheParentThenBothChildrenEachInItsOwnPipeline() throws Exception {
    CompiledProject.Result published = publish("--job", "parent", "--id", "a");
    assertThat(published.out())
        .contains("published 1 top-down message(s) for parent to " + topic("parent-in"));

    await(
        "child/a.txt and sibling/a.txt",
        () ->
            Files.exists(data.resolve("child/a.txt"))
                && Files.exists(data.resolve("sibling/a.txt")));
    assertThat(read("parent/a.txt")).isEqualTo("ELEMENT A");
    assertThat(read("child/a.txt")).isEqualTo("child of ELEMENT A");
    assertThat(read("sibling/a.txt")).isEqualTo("sibling of ELEMENT A");
    await(
        "the counters to show it",
        () ->
            count("parent", "processed") == 1
                && count("child", "processed") == 1
                && count("sibling", "processed") == 1);
  }

  @Test
  @Order(2)
  void bottomUpMessageForTheChildRequestsTheParentAndOnlyTheChildComputes() throws Exception {
    assertThat(data.resolve("parent/b.txt")).doesNotExist();
    long siblingDropped = count("sibling", "dropped-not-recipient");

    publish("--job", "child", "--id", "b", "--mode", "bottom-up");

    await("child/b.txt", () -> Files.exists(data.resolve("child/b.txt")));
    assertThat(read("parent/b.txt")).isEqualTo("ELEMENT B");
    assertThat(read("child/b.txt")).isEqualTo("child of ELEMENT B");
    // The sibling saw both the request for the child and the parent's answer, and dropped both.
    await(
        "the sibling to drop both messages",
        () -> count("sibling", "dropped-not-recipient") >= siblingDropped + 2);
    assertThat(data.resolve("sibling/b.txt")).doesNotExist();
    assertThat(count("sibling", "processed")).isEqualTo(1); // "a" only, from the top-down test
    await(
        "the child's counters",
        () -> count("child", "requested-upstream") == 1 && count("child", "processed") == 2);
    assertThat(count("parent", "processed")).isEqualTo(2);
  }

  @Test
  @Order(3)
  void garbageBytesBecomeADeadLetterAndTheJobGoesOn() throws Exception {
    byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, 'n', 'o', 't', ' ', 'k', 'l', 'i', 'o'};
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of())) {
      var publisher = endpoint.publisher(topic("parent-in"));
      publisher
          .publish(
              com.google.pubsub.v1.PubsubMessage.newBuilder()
                  .setData(com.google.protobuf.ByteString.copyFrom(garbage))
                  .build())
          .get();
      publisher.shutdown();
    }
    publish("--job", "parent", "--id", "g");

    await("parent/g.txt after the garbage", () -> Files.exists(data.resolve("parent/g.txt")));
    await("the dead letter file", () -> deadLetters().size() == 1);
    JsonNode letter = new ObjectMapper().readTree(deadLetters().get(0).toFile());
    assertThat(letter.get("job").asText()).isEqualTo("parent");
    assertThat(letter.get("reason").asText()).startsWith("not a Klio message");
    assertThat(Base64.getDecoder().decode(letter.get("message").asText())).isEqualTo(garbage);
    await(
        "the parent's counters",
        () ->
            count("parent", "dead-lettered-unparseable") == 1 && count("parent", "processed") == 3);
    await("the children to compute g too", () -> Files.exists(data.resolve("child/g.txt")));
  }

  private static List<Path> deadLetters() {
    Path folder = data.resolve("dead/parent");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  @Order(4)
  void publishedWireBytesMatchTheGoldenVectors() throws Exception {
    publish("--job", "my-job", "--id", "abc");
    publish("--job", "my-job", "--id", "abc", "--mode", "bottom-up", "--project", "my-proj");

    List<byte[]> received = new ArrayList<>();
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (received.size() < 2 && System.nanoTime() < deadline) {
        PullResponse response =
            subscriptions.pull(
                PullRequest.newBuilder()
                    .setSubscription(subscription("golden-sub"))
                    .setMaxMessages(10)
                    .build());
        List<String> acks = new ArrayList<>();
        for (ReceivedMessage m : response.getReceivedMessagesList()) {
          received.add(m.getMessage().getData().toByteArray());
          acks.add(m.getAckId());
        }
        if (!acks.isEmpty()) {
          subscriptions.acknowledge(subscription("golden-sub"), acks);
        }
      }
    }
    assertThat(received).hasSize(2);
    List<String> hex = received.stream().map(HexFormat.of()::formatHex).toList();
    assertThat(hex).containsExactlyInAnyOrder(GOLDEN_TOP_DOWN, GOLDEN_BOTTOM_UP);
    for (byte[] bytes : received) {
      KlioMessage message = KlioMessages.parse(bytes);
      assertThat(message.getVersion()).isEqualTo(io.klio.runtime.message.proto.Version.V2);
      assertThat(message.getData().getElement().toString(StandardCharsets.UTF_8)).isEqualTo("abc");
      var recipients = message.getMetadata().getIntendedRecipients();
      if (recipients.hasLimited()) {
        assertThat(recipients.getLimited().getRecipientsList())
            .singleElement()
            .satisfies(
                job -> {
                  assertThat(job.getJobName()).isEqualTo("my-job");
                  assertThat(job.getGcpProject()).isEqualTo("my-proj");
                });
        assertThat(recipients.getLimited().hasTriggerChildrenOf()).isFalse();
      } else {
        assertThat(recipients.hasAnyone()).isTrue();
      }
    }
  }

  @Test
  @Order(5)
  void publishAndVerifyReportClearErrors() {
    CompiledProject.Result unknown =
        klio("publish", "--config", config.toString(), "--job", "parnt", "--id", "x");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown job 'parnt'; did you mean 'parent'?");

    CompiledProject.Result noTopic =
        klio("publish", "--config", config.toString(), "--job", "sibling", "--id", "x");
    assertThat(noTopic.status()).isEqualTo(2);
    assertThat(noTopic.err())
        .contains("job 'sibling' has no input topic: set jobs.sibling.events.inputTopic");

    CompiledProject.Result noIds =
        klio("publish", "--config", config.toString(), "--job", "parent");
    assertThat(noIds.status()).isEqualTo(2);
    assertThat(noIds.err()).contains("no element ids");

    CompiledProject.Result noSubscription =
        klio("run", "--job", "my-job", "--config", config.toString());
    assertThat(noSubscription.status()).isEqualTo(2);
    assertThat(noSubscription.err()).contains("job 'my-job' has no events.inputSubscription");

    CompiledProject.Result forceInStreaming =
        klio("run", "--job", "parent", "--config", config.toString(), "--force");
    assertThat(forceInStreaming.status()).isEqualTo(2);
    assertThat(forceInStreaming.err()).contains("give them to 'klio publish' instead");

    CompiledProject.Result verified = klio("verify", "--config", config.toString());
    assertThat(verified.status()).as(verified.out() + verified.err()).isZero();
    assertThat(verified.out())
        .contains("ok   dag: 4 job(s)")
        .contains("ok   topic " + topic("parent-out") + ": exists")
        .contains(
            "ok   subscription "
                + subscription("child-in")
                + ": exists, reads "
                + topic("parent-out"))
        .contains("warn events of sibling: no inputTopic")
        .contains(
            "ok   requests of child to parent: sent to "
                + topic("parent-in")
                + ", answered along parent → child")
        .contains("verify: all checks passed");
  }

  @Test
  @Order(6)
  void verifyFailsOnMissingResourcesAndUndefinedVariables() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        Files.readString(config)
            .replace("subscriptions/sibling-in", "subscriptions/no-such-sub")
            .replace("  data: " + data + "\n", "  other: x\n"));
    CompiledProject.Result verified = klio("verify", "--config", broken.toString());
    assertThat(verified.status()).as(verified.out()).isEqualTo(2); // the config is wrong
    assertThat(verified.out())
        .contains("FAIL subscription " + subscription("no-such-sub") + ": does not exist")
        .contains("FAIL templates: " + broken + ": vars: undefined variable(s) data");
  }
}
