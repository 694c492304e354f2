package io.klio.runtime.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one message every command and the config give for a job name that does not exist. */
class UnknownJobTest {
  @Test
  void suggestsTheClosestJobThenListsThemAllSorted() {
    assertThat(JobGraph.unknownJob("dwnsample", Set.of("report", "downsample", "beat-tracking")))
        .isEqualTo(
            "unknown job 'dwnsample'; did you mean 'downsample'?;"
                + " jobs: beat-tracking, downsample, report");
  }

  @Test
  void withoutACloseNameOnlyListsTheJobs() {
    assertThat(JobGraph.unknownJob("spectrogram", List.of("report", "downsample")))
        .isEqualTo("unknown job 'spectrogram'; jobs: downsample, report");
  }

  @Test
  void saysWhenNoJobsAreOnTheClasspath() {
    assertThat(JobGraph.unknownJob("report", Set.of()))
        .isEqualTo("unknown job 'report'; no jobs are on the classpath");
  }

  @Test
  void theGraphSaysTheSame() {
    assertThatThrownBy(() -> new JobGraph(List.of()).job("report"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown job 'report'; no jobs are on the classpath");
  }
}
