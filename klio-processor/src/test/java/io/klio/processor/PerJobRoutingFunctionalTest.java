package io.klio.processor;

import static io.klio.processor.PerJobHarness.subscription;
import static io.klio.processor.PerJobHarness.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.testing.compile.JavaFileObjects;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.testsupport.PubsubEmulator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-job mode against the real Pub/Sub emulator: resources made by {@code verify
 * --create-resources}, a bottom-up request to a grandparent answered through the parent, a request
 * nobody answers, and {@code run --detach}.
 *
 * <pre>
 * gp-in ─▶ grandparent ─▶ gp-out ─┬─▶ parent ─▶ parent-out ─▶ grandchild (reads parent and grandparent)
 *                                 └─▶ uncle  ─▶ uncle-out
 * silent-in ─▶ (silent, never started) ─▶ silent-out ─▶ waiter (requestTimeout 1s)
 * lone-in ─▶ lone ─▶ lone-out      (run with --detach)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerJobRoutingFunctionalTest {
  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "test.family.Family",
          "package test.family;",
          "import io.klio.annotations.*;",
          "public class Family {",
          "  @KlioJob(name = \"grandparent\") @Output(location = \"${data}/grandparent/{id}.txt\")",
          "  public static String grandparent(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return \"gp(\" + raw.strip() + \")\";",
          "  }",
          "  @KlioJob(name = \"parent\", parents = \"grandparent\")",
          "  @Output(location = \"${data}/parent/{id}.txt\")",
          "  public static String parent(@Input String gp) { return \"p(\" + gp + \")\"; }",
          "  @KlioJob(name = \"uncle\", parents = \"grandparent\")",
          "  @Output(location = \"${data}/uncle/{id}.txt\")",
          "  public static String uncle(@Input String gp) { return \"u(\" + gp + \")\"; }",
          "  @KlioJob(name = \"grandchild\", parents = \"parent\")",
          "  @Output(location = \"${data}/grandchild/{id}.txt\")",
          "  public static String grandchild(@Input String p, @Input(from = \"grandparent\") String gp) {",
          "    return \"gc(\" + p + \", \" + gp + \")\";",
          "  }",
          "  @KlioJob(name = \"silent\") @Output(location = \"${data}/silent/{id}.txt\")",
          "  public static String silent(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return raw;",
          "  }",
          "  @KlioJob(name = \"waiter\", parents = \"silent\") @Output(location = \"${data}/waiter/{id}.txt\")",
          "  public static String waiter(@Input String s) { return s; }",
          "  @KlioJob(name = \"lone\") @Output(location = \"${data}/lone/{id}.txt\")",
          "  public static String lone(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    return raw.strip();",
          "  }",
          "}");

  @TempDir static Path dir;
  static PerJobHarness harness;
  static Path data;
  static CompiledProject.Result firstVerify;
  static PrintStream stderr;
  static final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<Path> binary = PubsubEmulator.binary(why);
    if (binary.isEmpty()) {
      System.err.println("PerJobRoutingFunctionalTest skipped: " + why);
    }
    assumeThat(binary).as("Pub/Sub emulator: " + why).isPresent();
    stderr = System.err;
    System.setErr(new PrintStream(new Tee(stderr, logged), true, StandardCharsets.UTF_8));

    harness = PerJobHarness.start(binary.get(), dir, JOBS);
    data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("in"));
    for (String id : List.of("x", "w", "d")) {
      Files.writeString(data.resolve("in/" + id + ".txt"), "element " + id + "\n");
    }
    Path config = dir.resolve("klio.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vars:",
            "  data: " + data,
            harness.pipelineSection(),
            "deadLetters: " + data.resolve("dead"),
            "jobs:",
            events("grandparent", "gp-in", "gp-in", "gp-out"),
            events("parent", "gp-out", "parent-in", "parent-out"),
            events("uncle", "gp-out", "uncle-in", "uncle-out"),
            events("grandchild", "parent-out", "grandchild-in", null),
            events("silent", "silent-in", "silent-in", "silent-out"),
            events("waiter", "silent-out", "waiter-in", null) + "      requestTimeout: 1s\n",
            events("lone", "lone-in", "lone-in", "lone-out")));
    harness.useConfig(config);

    firstVerify = harness.klio("verify", "--config", config.toString(), "--create-resources");
    assertThat(firstVerify.status()).as(firstVerify.out() + firstVerify.err()).isZero();
    for (String job : List.of("grandparent", "parent", "uncle", "grandchild", "waiter")) {
      harness.runInBackground(job);
    }
  }

  private static String events(String job, String in, String subscription, String out) {
    return "  "
        + job
        + ":\n    events:\n"
        + "      inputTopic: "
        + topic(in)
        + "\n"
        + "      inputSubscription: "
        + subscription(subscription)
        + "\n"
        + (out == null ? "" : "      outputTopic: " + topic(out) + "\n");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (harness != null) {
        harness.close();
      }
    } finally {
      if (stderr != null) {
        System.setErr(stderr);
      }
    }
  }

  /** Writes to the real stderr and keeps a copy, where the runtime's log lines can be found. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final ByteArrayOutputStream copy;

    Tee(OutputStream first, ByteArrayOutputStream copy) {
      this.first = first;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      synchronized (copy) {
        copy.write(b);
      }
      try {
        first.write(b);
      } catch (java.io.IOException e) {
        // the copy is what the tests read
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (copy) {
        copy.write(b, off, len);
      }
      try {
        first.write(b, off, len);
      } catch (java.io.IOException e) {
        // the copy is what the tests read
      }
    }
  }

  private static String logged() {
    synchronized (logged) {
      return logged.toString(StandardCharsets.UTF_8);
    }
  }

  private static String read(String relative) throws java.io.IOException {
    return Files.readString(data.resolve(relative));
  }

  @Test
  @Order(1)
  void verifyCreatesTheMissingTopicsAndSubscriptionsOnceAndSaysSo() throws Exception {
    assertThat(firstVerify.out())
        .contains("ok   topic " + topic("gp-out") + ": created")
        .contains(
            "ok   subscription "
                + subscription("parent-in")
                + ": created, reads "
                + topic("gp-out"))
        .contains(
            "ok   subscription "
                + subscription("grandchild-in")
                + ": created, reads "
                + topic("parent-out"))
        .contains("verify: created 15 Pub/Sub resource(s)") // 8 topics, 7 subscriptions
        .contains(
            "ok   requests of grandchild to grandparent: sent to "
                + topic("gp-in")
                + ", answered along grandparent → parent → grandchild");

    CompiledProject.Result again =
        harness.klio("verify", "--config", harness.config().toString(), "--create-resources");
    assertThat(again.status()).as(again.out()).isZero();
    assertThat(again.out())
        .contains("ok   topic " + topic("gp-out") + ": exists")
        .contains(
            "ok   subscription " + subscription("parent-in") + ": exists, reads " + topic("gp-out"))
        .doesNotContain(": created\n")
        .doesNotContain(": created, reads")
        .contains("verify: created 0 Pub/Sub resource(s)");
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      assertThat(subscriptions.getSubscription(subscription("uncle-in")).getTopic())
          .isEqualTo(topic("gp-out"));
    }

    Path noTopic = dir.resolve("no-input-topic.yaml");
    Files.writeString(
        noTopic,
        String.join(
            "\n",
            "vars:",
            "  data: " + data,
            harness.pipelineSection(),
            "jobs:",
            "  uncle:",
            "    events:",
            "      inputSubscription: " + subscription("orphan-sub"),
            ""));
    CompiledProject.Result cannot =
        harness.klio("verify", "--config", noTopic.toString(), "--create-resources");
    assertThat(cannot.status()).isEqualTo(1);
    assertThat(cannot.out())
        .contains(
            "FAIL subscription "
                + subscription("orphan-sub")
                + ": does not exist, and cannot be created: jobs.uncle.events.inputTopic does not say which"
                + " topic it reads");
  }

  @Test
  @Order(2)
  void aBottomUpRequestForTheGrandparentsOutputIsAnsweredThroughTheParent() throws Exception {
    Files.createDirectories(data.resolve("parent"));
    Files.writeString(data.resolve("parent/x.txt"), "p(made earlier)");

    harness.publish("--job", "grandchild", "--id", "x", "--mode", "bottom-up");

    harness.await("grandchild/x.txt", () -> Files.exists(data.resolve("grandchild/x.txt")));
    assertThat(read("grandparent/x.txt")).isEqualTo("gp(element x)");
    assertThat(read("grandchild/x.txt")).isEqualTo("gc(p(made earlier), gp(element x))");
    assertThat(read("parent/x.txt")).isEqualTo("p(made earlier)");
    harness.await(
        "the counters to show it",
        () ->
            harness.count("grandchild", "processed") == 1
                && harness.count("grandparent", "processed") == 1
                && harness.count("parent", "skipped-output-exists") == 1
                && harness.count("uncle", "dropped-not-recipient") == 1);
    assertThat(harness.count("grandchild", "requested-upstream")).isEqualTo(1);
    assertThat(harness.count("parent", "processed")).isZero();
    assertThat(harness.count("uncle", "processed")).isZero();
    assertThat(data.resolve("uncle/x.txt")).doesNotExist();
    assertThat(harness.count("grandchild", "dead-lettered")).isZero();
  }

  @Test
  @Order(3)
  void aRequestNobodyAnswersIsCountedAndLoggedAfterTheRequestTimeout() throws Exception {
    harness.publish("--job", "waiter", "--id", "w", "--mode", "bottom-up");

    harness.await(
        "waiter's unanswered request", () -> harness.count("waiter", "requests-unanswered") == 1);
    assertThat(harness.count("waiter", "requested-upstream")).isEqualTo(1);
    assertThat(logged())
        .contains(
            "waiter: request for element 'w' unanswered: 'silent' has not"
                + " answered the request sent at ")
        .contains(" along silent → waiter within 1s (events.requestTimeout)");
    assertThat(data.resolve("waiter/w.txt")).doesNotExist();
  }

  @Test
  @Order(4)
  void aDetachedRunReturnsOnceThePipelineRunsAndItGoesOn() throws Exception {
    CompiledProject.Result detached =
        assertTimeoutPreemptively(
            PerJobHarness.TIMEOUT,
            () ->
                harness.klio(
                    "run", "--job", "lone", "--config", harness.config().toString(), "--detach"));

    assertThat(detached.status()).as(detached.out() + detached.err()).isZero();
    assertThat(detached.out()).contains("klio: lone is running on DirectRunner (state RUNNING)");
    assertThat(detached.err()).contains("the DirectRunner runs the pipeline inside this JVM");
    harness.publish("--job", "lone", "--id", "d");
    harness.await(
        "lone/d.txt from the detached pipeline", () -> Files.exists(data.resolve("lone/d.txt")));
    assertThat(read("lone/d.txt")).isEqualTo("element d");

    // The detached pipeline lives on in this JVM; a pull from a subscription that is gone fails it,
    // as the next test shows, so that it stops.
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(harness.emulator.url(), List.of());
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      subscriptions.deleteSubscription(subscription("lone-in"));
    }
  }

  @Test
  @Order(5)
  void aDetachedRunOfAPipelineThatCannotStartFailsWithTheReason() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken,
        Files.readString(harness.config())
            .replace(subscription("lone-in"), subscription("no-such-subscription")));
    CompiledProject.Result failed =
        harness.klio("run", "--job", "lone", "--config", broken.toString(), "--detach");

    assertThat(failed.status()).as(failed.out() + failed.err()).isEqualTo(1);
    assertThat(failed.err())
        .contains("klio: the pipeline of lone on DirectRunner is not running (state FAILED)");
    assertThat(failed.err()).contains("no-such-subscription");

    CompiledProject.Result withIds =
        harness.klio(
            "run",
            "--job",
            "lone",
            "--id",
            "d",
            "--config",
            harness.config().toString(),
            "--detach");
    assertThat(withIds.status()).isEqualTo(2);
    // with ids it is a batch run, which the DirectRunner cannot leave running on its own
    assertThat(withIds.err()).contains("--detach returns while the pipeline runs elsewhere");
  }
}
