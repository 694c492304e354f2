package io.klio.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.synth.CatalogueEntry;
import io.klio.runtime.Klio;
import io.klio.samples.SampleCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample audio DAG through the {@code klio run} command line on one Beam runner, given by its
 * flags: the whole DAG on a small catalogue, the same again (which must compute nothing), then a
 * bottom-up run of one job for a fresh id (which must compute only that job and its ancestor), then
 * an id without input (one dead letter). The DAG also holds {@link SummaryJobs}, a job with two
 * parents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunnerDagContract {
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
  static final Map<String, String> OUTPUTS =
      Map.ofEntries(
          Map.entry("downsample", "downsampled/%s.wav"),
          Map.entry("beat-tracking", "beats/%s.json"),
          Map.entry("energy", "energy/%s.json"),
          Map.entry("loudness", "loudness/%s.json"),
          Map.entry("spectrogram", "spectrograms/%s.png"),
          Map.entry("speechiness", "speechiness/%s.json"),
          Map.entry("instrumentalness", "instrumentalness/%s.json"),
          Map.entry("key", "key/%s.json"),
          Map.entry("mfcc", "mfcc/%s.json"),
          Map.entry("separate", "separated/%s.png"),
          Map.entry("track-summary", "summaries/%s.json"));
  static final int TRACKS = 3;

  Path data;
  List<String> ids;
  String freshId;
  Run first;
  Run second;
  Run bottomUp;
  Run deadLetter;
  long beatsModifiedAfterFirst;

  /** The runner's flags, for example {@code --runner=FlinkRunner --flinkMaster=[local]}. */
  abstract List<String> runnerArgs();

  /** The simple name of the runner class the CLI reports. */
  abstract String runnerName();

  @BeforeAll
  void runTheDagThreeTimes(@TempDir Path dir) throws IOException {
    data = dir;
    // One track more than the DAG run gets: the fresh id of the bottom-up run.
    List<CatalogueEntry> catalogue = SampleCatalogue.generate(data, TRACKS + 1, 6);
    ids = new ArrayList<>();
    catalogue.subList(0, TRACKS).forEach(e -> ids.add(e.id()));
    freshId = catalogue.get(TRACKS).id();
    Path idsFile = Files.write(data.resolve("dag-ids.txt"), ids);

    first = run("--dag", "--ids", idsFile.toString());
    beatsModifiedAfterFirst = output("beat-tracking", ids.get(0)).toFile().lastModified();
    second = run("--dag", "--ids", idsFile.toString());
    bottomUp = run("--job", "beat-tracking", "--id", freshId);
    deadLetter = run("--job", "downsample", "--id", "no-such-track");
  }

  @Test
  void theCliRanOnThisRunner() {
    assertThat(first.out).contains("on " + runnerName());
    assertThat(bottomUp.out).contains("on " + runnerName());
  }

  @Test
  void everyJobProducesEveryOutput() {
    assertThat(first.status).as(first.toString()).isZero();
    for (String id : ids) {
      for (String job : JOBS) {
        assertThat(output(job, id)).isNotEmptyFile();
      }
    }
  }

  @Test
  void theCountersShowEveryElementProcessedOnce() {
    for (String job : JOBS) {
      assertThat(first.count(job, "processed")).as(job + "\n" + first).isEqualTo(TRACKS);
      assertThat(first.count(job, "skipped-output-exists")).as(job).isZero();
      assertThat(first.count(job, "dead-lettered")).as(job).isZero();
    }
    assertThat(first.out).contains("dead letters: 0");
  }

  @Test
  void aSecondRunComputesNothing() {
    assertThat(second.status).as(second.toString()).isZero();
    for (String job : JOBS) {
      assertThat(second.count(job, "processed")).as(job + "\n" + second).isZero();
      assertThat(second.count(job, "skipped-output-exists")).as(job).isEqualTo(TRACKS);
    }
    assertThat(output("beat-tracking", ids.get(0)).toFile().lastModified())
        .isEqualTo(beatsModifiedAfterFirst);
  }

  @Test
  void bottomUpComputesOnlyTheJobAndItsAncestor() {
    assertThat(bottomUp.status).as(bottomUp.toString()).isZero();
    assertThat(bottomUp.jobs()).containsExactly("downsample", "beat-tracking");
    assertThat(bottomUp.count("downsample", "processed")).as(bottomUp.toString()).isEqualTo(1);
    assertThat(bottomUp.count("beat-tracking", "processed")).as(bottomUp.toString()).isEqualTo(1);
    assertThat(output("downsample", freshId)).isNotEmptyFile();
    assertThat(output("beat-tracking", freshId)).isNotEmptyFile();
    for (String job : JOBS.subList(2, JOBS.size())) {
      assertThat(output(job, freshId)).as(job).doesNotExist();
    }
  }

  @Test
  void aFailingElementBecomesADeadLetter() {
    assertThat(deadLetter.status).as(deadLetter.toString()).isEqualTo(3);
    assertThat(deadLetter.count("downsample", "dead-lettered"))
        .as(deadLetter.toString())
        .isEqualTo(1);
    assertThat(deadLetter.count("downsample", "processed")).isZero();
    assertThat(deadLetter.out).contains("dead letters: 1");
  }

  Path output(String job, String id) {
    return data.resolve(String.format(OUTPUTS.get(job), id));
  }

  private Run run(String... args) {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(List.of(args));
    all.addAll(List.of("--var", "data=" + data));
    all.addAll(runnerArgs());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long started = System.nanoTime();
    int status =
        Klio.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    System.out.printf(
        "%s: klio %s -> %d in %.1fs%n%s%s",
        runnerName(), String.join(" ", all), status, (System.nanoTime() - started) / 1e9, out, err);
    return new Run(status, out.toString(), err.toString());
  }

  /** One command's exit status and output, with its counters table parsed. */
  static final class Run {
    final int status;
    final String out;
    final String err;
    private final Map<String, Map<String, Long>> table = new HashMap<>();
    private final List<String> jobs = new ArrayList<>();

    Run(int status, String out, String err) {
      this.status = status;
      this.out = out;
      this.err = err;
      List<String> columns = null;
      for (String line : out.split("\n")) {
        String[] cells = line.trim().split("\\s+");
        if (cells.length > 1 && cells[0].equals("job") && cells[1].equals("processed")) {
          columns = List.of(cells);
        } else if (columns != null && cells.length == columns.size()) {
          Map<String, Long> row = new HashMap<>();
          for (int i = 1; i < cells.length; i++) {
            row.put(columns.get(i), Long.parseLong(cells[i]));
          }
          table.put(cells[0], row);
          jobs.add(cells[0]);
        }
      }
    }

    /** The jobs of the counters table, in its order. */
    List<String> jobs() {
      return jobs;
    }

    long count(String job, String counter) {
      if (!table.containsKey(job)) {
        throw new AssertionError("no row for " + job + " in the counters table:\n" + this);
      }
      return table.get(job).get(counter);
    }

    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
