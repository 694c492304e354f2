package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-DAG mode on the DataflowRunner, through the {@code klio run} command line: the sample DAG
 * plus a two-parent job, translated and validated by the real runner up to submission (see {@link
 * OfflineDataflow}), once for the whole DAG and once bottom-up for one job. The ids are read and
 * spread by the pipeline; one step takes each batch through the run's jobs, which its display data
 * names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DagTranslationTest {
  static final List<String> JOBS =
      List.of(
          "downsample",
          "beat-tracking",
          "energy",
          "loudness",
          "spectrogram",
          "speechiness",
          "instrumentalness",
          "key",
          "mfcc",
          "separate",
          "track-summary");

  Path dir;
  List<java.net.URI> networkAttempts;
  Cli wholeDagRun;
  DataflowJobFile wholeDag;
  DataflowJobFile bottomUp;

  @BeforeAll
  void translate(@TempDir Path dir) throws IOException {
    this.dir = dir;
    NetworkAttempts network = NetworkAttempts.record();
    Path ids = Files.write(dir.resolve("ids.txt"), List.of("track-1", "track-2"));
    wholeDagRun = translate("dag", "--dag", "--ids", ids.toString());
    wholeDag = DataflowJobFile.read(dir.resolve("dag/job.json"));
    Cli bottomUpRun = translate("bottom-up", "--job", "beat-tracking", "--ids", ids.toString());
    assertThat(bottomUpRun.status()).as(bottomUpRun.toString()).isZero();
    bottomUp = DataflowJobFile.read(dir.resolve("bottom-up/job.json"));
    networkAttempts = network.attempts();
  }

  @Test
  void theRunnerWritesTheJobInsteadOfSubmittingIt() {
    assertThat(wholeDagRun.status()).as(wholeDagRun.toString()).isZero();
    assertThat(wholeDagRun.out())
        .contains("on DataflowRunner")
        .contains("DataflowRunner wrote the job to " + dir.resolve("dag/job.json"));
  }

  @Test
  void itIsABatchJob() {
    assertThat(wholeDag.type()).isEqualTo("JOB_TYPE_BATCH");
    assertThat(wholeDag.options().path("streaming").asBoolean()).isFalse();
  }

  @Test
  void everyJobOfTheDagRunsInTheDagStepInTopologicalOrder() {
    assertThat(jobsOf(wholeDag))
        .as(wholeDag.describe())
        .containsExactlyInAnyOrderElementsOf(JOBS)
        .startsWith("downsample")
        .endsWith("track-summary");
  }

  @Test
  void theIdsAreReadByThePipelineAndSpreadOverTheWorkers() {
    assertThat(
            wholeDag.steps(
                "ParallelDo", s -> s.userName().startsWith("Element ids/Cut into ranges")))
        .as(wholeDag.describe())
        .hasSize(1);
    assertThat(
            wholeDag.steps("GroupByKey", s -> s.userName().startsWith("Element ids/Spread ranges")))
        .as(wholeDag.describe())
        .hasSize(1);
  }

  @Test
  void whatTheRunnerStagedStayedOnThisMachine() throws IOException {
    List<String> staged = new ArrayList<>();
    try (var files = Files.list(dir.resolve("dag/staging"))) {
      files.forEach(f -> staged.add(f.getFileName().toString()));
    }
    // The portable pipeline and the jobs' jar, staged by LocalStager rather than uploaded.
    assertThat(staged).contains("pipeline.pb").anyMatch(name -> name.endsWith(".jar"));
  }

  @Test
  void nothingWentOverTheNetwork() {
    assertThat(networkAttempts).isEmpty();
  }

  @Test
  void bottomUpHasOnlyTheJobAndWhatItNeeds() {
    assertThat(jobsOf(bottomUp))
        .as(bottomUp.describe())
        .containsExactly("downsample", "beat-tracking");
  }

  /** The jobs the "Run the DAG" step runs, from its display data. */
  private static List<String> jobsOf(DataflowJobFile job) {
    List<DataflowJobFile.Step> steps =
        job.steps("ParallelDo", s -> s.userName().startsWith("Run the DAG"));
    assertThat(steps).as(job.describe()).hasSize(1);
    return List.of(steps.get(0).displayData("klioJobs").split(", "));
  }

  private Cli translate(String name, String... runArgs) throws IOException {
    Path runDir = Files.createDirectories(dir.resolve(name));
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(runArgs));
    args.addAll(List.of("--var", "data=gs://klio-test-bucket/audio"));
    args.addAll(OfflineDataflow.flags(runDir, runDir.resolve("job.json")));
    return Cli.run(args);
  }
}
