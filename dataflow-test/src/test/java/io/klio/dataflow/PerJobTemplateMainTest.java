package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.flex.FlexTemplate;
import io.klio.runtime.flex.TemplateParameter;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.samples.SampleCatalogue;
import io.klio.testsupport.PubsubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's streaming template run locally: its main class (the job's generated class) in a JVM of
 * its own on the DirectRunner, started with the template's parameters, reading from the Pub/Sub
 * emulator of the Google Cloud CLI. A message published for a track makes it compute the track and
 * pass the message on to its output topic.
 */
class PerJobTemplateMainTest {
  private static final String PROJECT = "klio-test-project";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void theJobsMainComputesWhatIsPublishedToIt() throws Exception {
    Optional<Path> emulatorBinary = PubsubEmulator.binary(new StringBuilder());
    assumeThat(emulatorBinary).as("the Pub/Sub emulator of the Google Cloud CLI").isPresent();
    Path data = Files.createDirectories(dir.resolve("data"));
    String track = SampleCatalogue.generate(data, 1, 4).get(0).id();
    JobRegistry registry = JobRegistry.load(getClass().getClassLoader());
    FlexTemplate template =
        FlexTemplate.perJob(new JobGraph(registry.specs()), "downsample", "unused");
    String mainClass =
        registry.job("downsample").orElseThrow().getClass().getEnclosingClass().getName();

    try (PubsubEmulator emulator =
        PubsubEmulator.start(emulatorBinary.get(), dir.resolve("emulator.log"))) {
      createTopics(emulator);
      Path config =
          Files.writeString(
              dir.resolve("klio.yaml"),
              String.join(
                  "\n",
                  "pipeline:",
                  "  project: " + PROJECT,
                  "  pubsubRootUrl: " + emulator.url(),
                  "  credentialFactoryClass: org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
                  "jobs:",
                  "  downsample:",
                  "    events:",
                  "      inputTopic: " + topic("downsample-in"),
                  "      inputSubscription: " + subscription("downsample-in"),
                  "      outputTopic: " + topic("downsample-out"),
                  ""));
      List<String> parameters = List.of("--config=" + config, "--var_data=" + data);
      List<String> declared = new ArrayList<>();
      template.parameters().stream().map(TemplateParameter::name).forEach(declared::add);
      assertThat(parameters)
          .allSatisfy(p -> assertThat(declared).contains(p.substring(2, p.indexOf('='))));

      Path log = dir.resolve("job.log");
      Process job = ChildJvm.start(dir, log, mainClass, parameters);
      try {
        await(
            "the pipeline to start",
            () -> read(log).contains("per-job streaming mode on DirectRunner"),
            job,
            log);
        Cli publish =
            Cli.run(
                List.of(
                    "publish",
                    "--config",
                    config.toString(),
                    "--job",
                    "downsample",
                    "--id",
                    track));
        assertThat(publish.status()).as(publish.toString()).isZero();

        Path output = data.resolve("downsampled/" + track + ".wav");
        await("the track's output", () -> Files.exists(output), job, log);
        assertThat(passedOn(emulator)).contains(track);
      } finally {
        job.destroy();
        if (!job.waitFor(30, TimeUnit.SECONDS)) {
          job.destroyForcibly();
        }
        System.out.println("--- " + mainClass + ":\n" + read(log));
      }
    }
  }

  private static void createTopics(PubsubEmulator emulator) throws Exception {
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(emulator.url(), List.of());
        TopicAdminClient topics = endpoint.topicAdmin();
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      topics.createTopic(topic("downsample-in"));
      topics.createTopic(topic("downsample-out"));
      subscriptions.createSubscription(subscription("downsample-in", "downsample-in"));
      subscriptions.createSubscription(subscription("watch", "downsample-out"));
    }
  }

  /** The element ids of the messages the job passed on to its output topic. */
  private static List<String> passedOn(PubsubEmulator emulator) throws Exception {
    List<String> ids = new ArrayList<>();
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(emulator.url(), List.of());
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (ids.isEmpty() && System.nanoTime() < deadline) {
        for (ReceivedMessage received :
            subscriptions
                .pull(
                    PullRequest.newBuilder()
                        .setSubscription(subscription("watch"))
                        .setMaxMessages(10)
                        .build())
                .getReceivedMessagesList()) {
          ids.add(
              KlioMessages.elementId(
                  KlioMessages.parse(received.getMessage().getData().toByteArray())));
        }
      }
    }
    return ids;
  }

  private static void await(String what, BooleanSupplier done, Process job, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      if (!job.isAlive()) {
        throw new AssertionError(
            "the job's JVM ended (" + job.exitValue() + ") before " + what + ":\n" + read(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + TIMEOUT + ":\n" + read(log));
      }
      Thread.sleep(200);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String topic(String name) {
    return "projects/" + PROJECT + "/topics/" + name;
  }

  private static String subscription(String name) {
    return "projects/" + PROJECT + "/subscriptions/" + name;
  }

  private static Subscription subscription(String name, String topic) {
    return Subscription.newBuilder()
        .setName(subscription(name))
        .setTopic(topic(topic))
        .setPushConfig(PushConfig.getDefaultInstance())
        .setAckDeadlineSeconds(60)
        .build();
  }
}
