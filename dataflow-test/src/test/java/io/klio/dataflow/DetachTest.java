package io.klio.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code run --detach} returns while the pipeline runs elsewhere; on the DirectRunner, which runs
 * it inside the command, that would end the run with the command, so it is refused before anything
 * runs. (On Dataflow it returns after submission, which needs the service; the return path is the
 * one {@code --templateLocation} takes in the translation tests.)
 */
class DetachTest {
  @Test
  void detachOnTheDirectRunnerIsAUsageError() {
    Cli run =
        Cli.run(
            List.of("run", "--dag", "--id", "track-1", "--var", "data=/nonexistent", "--detach"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--detach returns while the pipeline runs elsewhere");
    assertThat(run.out()).doesNotContain("klio: running");
  }
}
