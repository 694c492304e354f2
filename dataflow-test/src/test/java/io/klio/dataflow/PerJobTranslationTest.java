package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-job streaming mode on the DataflowRunner, through {@code klio run --job X --config
 * klio.yaml}: every job of the DAG translated and validated by the real runner up to submission
 * (see {@link OfflineDataflow}). Each must be a streaming job that reads its subscription, runs
 * keyed by element id with state, and publishes to its output topic and to each parent's input
 * topic.
 */
class PerJobTranslationTest {
  private static final String PROJECT = OfflineDataflow.PROJECT;
  private static final JobGraph GRAPH =
      new JobGraph(JobRegistry.load(PerJobTranslationTest.class.getClassLoader()).specs());

  @TempDir Path dir;

  static Stream<String> jobs() {
    return GRAPH.topologicalOrder().stream();
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void translatesToAStreamingJobOnItsTopics(String job) throws IOException {
    Path config = Files.writeString(dir.resolve("klio.yaml"), config(job));
    List<String> args =
        new ArrayList<>(List.of("run", "--job", job, "--config", config.toString()));
    Path jobFile = dir.resolve("job.json");
    args.addAll(OfflineDataflow.flags(dir, jobFile));

    NetworkAttempts network = NetworkAttempts.record();
    Cli run = Cli.run(args);

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(network.attempts()).as("connections tried").isEmpty();
    assertThat(run.out()).contains("per-job streaming mode on DataflowRunner");
    DataflowJobFile translated = DataflowJobFile.read(jobFile);
    String steps = translated.describe();
    assertThat(translated.type()).isEqualTo("JOB_TYPE_STREAMING");
    // The runner writes Pub/Sub names in Dataflow's own form, /subscriptions/PROJECT/NAME.
    assertThat(
            translated.steps(
                "ParallelRead",
                s ->
                    s.property("pubsub_subscription")
                        .equals("/subscriptions/" + PROJECT + "/" + job + "-in")))
        .as(steps)
        .hasSize(1);
    assertThat(
            translated.steps(
                "ParallelDo",
                s ->
                    s.userName().startsWith(job + "/")
                        && s.property("uses_keyed_state").equals("true")))
        .as("the job keyed by element, with state, in\n" + steps)
        .hasSize(1);
    assertThat(published(translated)).as(steps).containsExactlyInAnyOrderElementsOf(topics(job));
  }

  /**
   * Its output topic, and the input topic of every job whose output it reads and whose answer can
   * come back to it (where its bottom-up requests go), in Dataflow's form of topic names:
   * /topics/PROJECT/NAME. With each child reading its first parent's output topic, as {@link
   * #config} wires them, track-summary reads beat-tracking's output only: it cannot ask loudness.
   */
  private static List<String> topics(String job) {
    Set<String> topics = new TreeSet<>();
    topics.add("/topics/" + PROJECT + "/" + job + "-out");
    Set<String> producers = new TreeSet<>();
    GRAPH.job(job).inputs().forEach(input -> input.fromJob().ifPresent(producers::add));
    if (job.equals("track-summary")) {
      producers.remove("loudness");
    }
    producers.forEach(p -> topics.add("/topics/" + PROJECT + "/" + inputTopic(p)));
    return new ArrayList<>(topics);
  }

  /** A root job reads its own topic; a child its first parent's output topic. */
  private static String inputTopic(String job) {
    List<String> parents = GRAPH.job(job).parents();
    return parents.isEmpty() ? job + "-in" : parents.get(0) + "-out";
  }

  private static List<String> published(DataflowJobFile job) {
    return job.steps("ParallelWrite", s -> !s.property("pubsub_topic").isEmpty()).stream()
        .map(s -> s.property("pubsub_topic"))
        .toList();
  }

  /** Events for every job: its input topic and its own subscription, and an output topic. */
  private static String config(String job) {
    StringBuilder yaml = new StringBuilder("vars:\n  data: gs://klio-test-bucket/audio\njobs:\n");
    for (String name : GRAPH.topologicalOrder()) {
      yaml.append("  ")
          .append(name)
          .append(":\n    events:\n")
          .append("      inputTopic: projects/")
          .append(PROJECT)
          .append("/topics/")
          .append(inputTopic(name))
          .append("\n")
          .append("      inputSubscription: projects/")
          .append(PROJECT)
          .append("/subscriptions/")
          .append(name)
          .append("-in\n")
          .append("      outputTopic: projects/")
          .append(PROJECT)
          .append("/topics/")
          .append(name)
          .append("-out\n");
    }
    return yaml.toString();
  }
}
