package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import io.klio.runtime.Klio;
import io.klio.testsupport.PubsubEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.tools.JavaFileObject;

/**
 * Compiled jobs in per-job streaming mode against one real Pub/Sub emulator: each job run by the
 * CLI ({@code run --job X --config klio.yaml}) in a thread of its own, stopped by interrupting it
 * (which cancels its pipeline), and the CLI for the other commands.
 */
final class PerJobHarness implements AutoCloseable {
  static final String PROJECT = "test-proj";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  final PubsubEmulator emulator;
  final URLClassLoader jobs;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private Path config;

  /** A job's streaming pipeline, run by the CLI in a thread of its own. */
  record Running(Thread thread, StringWriter out, StringWriter err) {}

  private PerJobHarness(PubsubEmulator emulator, URLClassLoader jobs) {
    this.emulator = emulator;
    this.jobs = jobs;
  }

  /** Compiles {@code sources} with the processor into {@code dir} and starts the emulator. */
  static PerJobHarness start(Path binary, Path dir, JavaFileObject... sources)
      throws IOException, InterruptedException {
    CompiledProject project = CompiledProject.compile(dir.resolve("classes"), List.of(), sources);
    URLClassLoader jobs =
        new URLClassLoader(
            new URL[] {project.classes.toUri().toURL()}, PerJobHarness.class.getClassLoader());
    return new PerJobHarness(PubsubEmulator.start(binary, dir.resolve("emulator.log")), jobs);
  }

  /** The klio.yaml that runs and commands use. */
  void useConfig(Path config) {
    this.config = config;
  }

  Path config() {
    return config;
  }

  static String topic(String name) {
    return "projects/" + PROJECT + "/topics/" + name;
  }

  static String subscription(String name) {
    return "projects/" + PROJECT + "/subscriptions/" + name;
  }

  /** Creates the pull subscription {@code name} on {@code topic} (short names, in the project). */
  static void subscribe(
      SubscriptionAdminClient client, String name, String topic, int ackDeadlineSeconds) {
    client.createSubscription(
        Subscription.newBuilder()
            .setName(subscription(name))
            .setTopic(topic(topic))
            .setPushConfig(PushConfig.getDefaultInstance())
            .setAckDeadlineSeconds(ackDeadlineSeconds)
            .build());
  }

  /** The pipeline section that points Beam at the emulator without credentials. */
  String pipelineSection() {
    return String.join(
        "\n",
        "pipeline:",
        "  project: " + PROJECT,
        "  pubsubRootUrl: " + emulator.url(),
        "  credentialFactoryClass: org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "");
  }

  /**
   * Starts {@code job}'s per-job run in a background thread, printing its counters every second.
   */
  void runInBackground(String job) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread thread =
        new Thread(
            () -> {
              int status =
                  Klio.execute(
                      new PrintWriter(out, true),
                      new PrintWriter(err, true),
                      "run",
                      "--job",
                      job,
                      "--config",
                      config.toString(),
                      "--report-every",
                      "1");
              new PrintWriter(out, true).println("exit status " + status);
            },
            "klio-run-" + job);
    thread.setContextClassLoader(jobs);
    thread.setDaemon(true);
    thread.start();
    running.put(job, new Running(thread, out, err));
  }

  /** Runs the CLI in this thread with the compiled jobs on the class path. */
  CompiledProject.Result klio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(jobs);
    try {
      int status = Klio.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new CompiledProject.Result(status, out.toString(), err.toString());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** {@code publish --config <config> args...}, which must succeed. */
  CompiledProject.Result publish(String... args) {
    List<String> all = new ArrayList<>(List.of("publish", "--config", config.toString()));
    all.addAll(List.of(args));
    CompiledProject.Result result = klio(all.toArray(String[]::new));
    assertThat(result.status()).as(result.out() + result.err()).isZero();
    return result;
  }

  /** The counters of {@code job} in the last table its run printed (every second). */
  Map<String, Long> counters(String job) {
    String[] lines = running.get(job).out().toString().split("\n", -1);
    for (int i = lines.length - 2; i >= 1; i--) {
      String[] cells = lines[i].trim().split("\\s+");
      String[] header = lines[i - 1].trim().split("\\s+");
      if (cells.length > 1
          && cells[0].equals(job)
          && header.length == cells.length
          && header[0].equals("job")
          && lines[i + 1].startsWith("dead letters:")) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int c = 1; c < cells.length; c++) {
          counts.put(header[c], Long.parseLong(cells[c]));
        }
        return counts;
      }
    }
    return Map.of();
  }

  long count(String job, String counter) {
    return counters(job).getOrDefault(counter, 0L);
  }

  /** The dead letters {@code job}'s run reported in the last table it printed. */
  long deadLetters(String job) {
    String out = running.get(job).out().toString();
    int line = out.lastIndexOf("\ndead letters: ");
    if (line < 0) {
      return 0;
    }
    int start = line + "\ndead letters: ".length();
    int end = out.indexOf('\n', start);
    return Long.parseLong(out.substring(start, end < 0 ? out.length() : end).strip());
  }

  /** Waits for {@code condition}, failing with every run's output if it does not come. */
  void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, TIMEOUT, condition);
  }

  /** Waits up to {@code timeout} for {@code condition}, failing with every run's output if not. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + logs());
      }
      for (Running r : running.values()) {
        assertThat(r.thread().isAlive())
            .as("a per-job run ended early:\n" + r.out() + r.err())
            .isTrue();
      }
      Thread.sleep(100);
    }
  }

  String logs() {
    StringBuilder logs = new StringBuilder();
    running.forEach(
        (job, r) ->
            logs.append("\n--- ")
                .append(job)
                .append(" out:\n")
                .append(r.out())
                .append("--- err:\n")
                .append(tail(r.err().toString())));
    return logs.toString();
  }

  private static String tail(String text) {
    return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
  }

  /** Stops every run (interrupting cancels its pipeline), then the emulator. */
  @Override
  public void close() throws IOException, InterruptedException {
    for (Running r : running.values()) {
      r.thread().interrupt();
    }
    for (Map.Entry<String, Running> job : running.entrySet()) {
      job.getValue().thread().join(30_000);
      System.out.println(
          "--- " + job.getKey() + " (per-job mode) stdout:\n" + job.getValue().out());
    }
    emulator.close();
    jobs.close();
  }
}
