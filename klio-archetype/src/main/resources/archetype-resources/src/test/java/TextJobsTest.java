package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.klio.testing.KlioTest;
import io.klio.testing.RunResult;
import io.klio.testing.TestDag;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@KlioTest
class TextJobsTest {
  @Test
  void headlineComputesItsParentFirst(TestDag dag) {
    dag.config(Path.of("klio.yaml"));
    dag.input("word-count").put("a", "the quick brown fox").put("b", " ");

    RunResult run = dag.job("headline").id("a", "b").run();

    run.assertJob("word-count").computed(1).deadLettered(1)
        .and().assertJob("headline").computed(1).blockedByParent(1);
    run.assertDeadLetter("word-count", "b", "no words in b");
    assertEquals(new TextJobs.WordCount(4, "quick"),
        dag.output("word-count").get("a", TextJobs.WordCount.class));
    assertEquals("QUICK (4 words)", dag.output("headline").get("a", String.class));
  }
}
