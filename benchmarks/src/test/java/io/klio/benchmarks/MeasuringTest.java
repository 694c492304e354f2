package io.klio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's own measuring and bookkeeping, which its figures rest on. */
class MeasuringTest {
  @Test
  void aProcessIsMeasuredWholeIncludingItsChildren() throws Exception {
    // A child shell that burns CPU: its time must be counted, though it is not the process started.
    Measured busy =
        Measured.run(
            new ProcessBuilder(
                "bash",
                "-c",
                "bash -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; exit 3"));
    assertThat(busy.exit()).isEqualTo(3);
    assertThat(busy.cpuSeconds()).isGreaterThan(0.2);
    assertThat(busy.wallSeconds()).isGreaterThanOrEqualTo(busy.cpuSeconds() * 0.5);
    assertThatThrownBy(() -> busy.requireSuccess("busy")).hasMessageContaining("status 3");

    Measured idle = Measured.run(new ProcessBuilder("sleep", "0.3"));
    assertThat(idle.cpuSeconds()).isLessThan(0.1);
    assertThat(idle.wallSeconds()).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void mediansAreTakenPerFigure() {
    Measured median =
        Measured.median(
            List.of(
                new Measured(1, 9, 100, 0),
                new Measured(3, 1, 300, 0),
                new Measured(2, 5, 200, 0)));
    assertThat(median).isEqualTo(new Measured(2, 5, 200, 0));
  }

  @Test
  void ratiosAreHeldToTheirTargets() {
    assertThat(Row.ratio("x", 1.05, 1.0, "s", 1.10).verdict()).isEqualTo(Row.Verdict.MET);
    assertThat(Row.ratio("x", 1.2, 1.0, "s", 1.10).verdict()).isEqualTo(Row.Verdict.MISSED);
    assertThat(Row.ratio("x", 1.2, 1.0, "s", Double.NaN).verdict()).isEqualTo(Row.Verdict.NONE);
    assertThat(Row.ratio("x", 1.2, 1.0, "s", 1.10).result()).isEqualTo("1.20x");
  }

  @Test
  void theBackfillDagIsATreeOfDepthFiveAndFanOutThree() {
    assertThat(BackfillDag.jobs()).hasSize(1 + 3 + 9 + 27 + 81);
    assertThat(BackfillDag.leaves()).hasSize(81).contains("b4-80");
    assertThat(BackfillDag.parent("b4-80")).contains("b3-26");
    assertThat(BackfillDag.parent("b1-2")).contains("b0-0");
    assertThat(BackfillDag.parent("b0-0")).isEmpty();
  }

  @Test
  void theRunSummaryIsSummedPerColumn() {
    List<String> output =
        List.of(
            "klio: running a, b top-down for 2 id(s) on DirectRunner",
            "job  processed  skipped-output-exists  storage-requests",
            "a            2                      0                 6",
            "b            1                      1                 8",
            "dead letters: 0");
    var run = BackfillSection.summary(new Measured(1, 1, 1, 0), output);
    assertThat(run.processed()).isEqualTo(3);
    assertThat(run.storageRequests()).isEqualTo(14);
  }
}
