package io.klio.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klio.testing.words.WordCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@KlioTest
class TestDagTest {

  @Test
  void putsAnInputRunsAJobWithItsAncestorsAndReadsTypedOutputs(TestDag dag) {
    dag.input("count-words").put("a", "the quick brown fox");

    RunResult run = dag.job("shout").id("a").run();

    assertThat(run.exitStatus()).isZero();
    assertThat(run.jobs()).containsExactly("count-words", "shout");
    run.assertJob("count-words").computed(1).skipped(0).and().assertJob("shout").computed(1);
    run.assertNoDeadLetters();
    assertThat(dag.output("count-words").get("a", WordCount.class))
        .isEqualTo(new WordCount(4, "quick"));
    assertThat(dag.output("shout").get("a", String.class)).isEqualTo("QUICK x4");
    assertThat(dag.data().resolve("shouts/a.txt")).hasContent("QUICK x4");
  }

  @Test
  void aSecondRunSkipsWhatExistsAndForceRecomputesIt(TestDag dag) {
    dag.input("count-words").put("a", "one two").put("b", "three");
    dag.job("shout").id("a", "b").run();

    dag.job("shout")
        .id("a", "b")
        .run()
        .assertJob("count-words")
        .computed(0)
        .and()
        .assertJob("shout")
        .computed(0)
        .skipped(2);
    dag.job("shout").id("a").force().run().assertJob("shout").computed(1).skipped(0);
  }

  @Test
  void aChildRunsAloneOnAParentOutputThatTheTestPuts(TestDag dag) {
    dag.output("count-words").put("a", new WordCount(7, "seven"));

    RunResult run = dag.job("shout").id("a").run();

    // bottom-up, an ancestor whose output exists passes the element on to the job
    run.assertJob("count-words")
        .computed(0)
        .counter("passed-on-not-recipient", 1)
        .and()
        .assertJob("shout")
        .computed(1);
    assertThat(dag.output("shout").get("a", String.class)).isEqualTo("SEVEN x7");
    assertThat(dag.input("count-words").exists("a")).isFalse();
  }

  @Test
  void topDownRunsTheDescendantsAndWholeDagRunsEveryJob(TestDag dag) throws Exception {
    dag.input("count-words").put("a", "a bb").put("b", "ccc");

    RunResult topDown = dag.job("count-words").topDown().id("a").run();
    topDown.assertJob("count-words").computed(1).and().assertJob("shout").computed(1);

    Path ids = Files.write(dag.data().resolve("ids.txt"), List.of("a", "b"));
    RunResult whole = dag.wholeDag().idsFrom(ids).run();
    whole
        .assertJob("count-words")
        .computed(1)
        .skipped(1)
        .and()
        .assertJob("shout")
        .computed(1)
        .skipped(1);
    assertThat(dag.output("shout").get("b", String.class)).isEqualTo("CCC x1");
  }

  @Test
  void deadLettersAreTheRunsWithJobElementAndReason(TestDag dag) {
    dag.input("count-words").put("good", "fine words").put("blank", "   ");

    RunResult run = dag.job("shout").id("good", "blank").run();

    assertThat(run.exitStatus()).isEqualTo(3);
    run.assertJob("count-words")
        .computed(1)
        .deadLettered(1)
        .and()
        .assertJob("shout")
        .computed(1)
        .blockedByParent(1);
    assertThat(run.deadLetters()).hasSize(1);
    run.assertDeadLetter("count-words", "blank", "no words in 'blank'");
    assertThat(run.deadLetteredElements()).isEqualTo(Map.of("count-words", List.of("blank")));
    assertThat(dag.output("count-words").exists("blank")).isFalse();
    assertThatThrownBy(run::assertNoDeadLetters)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("count-words / blank: no words in 'blank'")
        .hasMessageContaining("dead letters: 1");
    assertThatThrownBy(() -> run.assertDeadLetter("count-words", "blank", "something else"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("does not say 'something else'");
    assertThatThrownBy(() -> run.assertDeadLetter("shout", "good", "x"))
        .hasMessageContaining("expected a dead letter of job 'shout' for element 'good'");
  }

  @Test
  void aFailedCounterAssertionPrintsTheWholeTable(TestDag dag) {
    dag.input("count-words").put("a", "word");
    RunResult run = dag.job("shout").id("a").run();

    assertThatThrownBy(() -> run.assertJob("shout").computed(1).skipped(5))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("job 'shout': expected skipped-output-exists = 5, but it was 0")
        .hasMessageContaining(run.table())
        .hasMessageContaining("count-words")
        .satisfies(
            e -> assertThat(((AssertionFailedError) e).getExpected().getValue()).isEqualTo(5L));
    assertThat(run.table()).startsWith("job").contains("processed", "dead letters: 0");
    assertThat(run.log()).contains(run.table());
    assertThatThrownBy(() -> run.assertJob("nope"))
        .hasMessageContaining("job 'nope' was not part of the run");
  }

  @Test
  void aConfigAndVariablesGoToTheRunAndToTheLocations(TestDag dag) throws Exception {
    Path elsewhere = Files.createDirectories(dag.data().resolve("elsewhere"));
    dag.var("data", elsewhere.toString())
        .config("deadLetters: ${data}/letters\njobs:\n  count-words:\n    retries: 0\n");
    dag.input("count-words").put("empty", "");

    assertThat(dag.input("count-words").location("empty"))
        .isEqualTo(elsewhere.resolve("text/empty.txt").toString());
    RunResult run = dag.job("count-words").id("empty").run();

    run.assertJob("count-words").deadLettered(1);
    try (var letters = Files.list(elsewhere.resolve("letters/count-words"))) {
      assertThat(letters.toList()).hasSize(1);
    }
  }

  @Test
  void mistakesFailWithWhatIsWrong(TestDag dag) {
    assertThatThrownBy(() -> dag.job("shuot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no job 'shuot' on the classpath; jobs: count-words, shout");
    assertThatThrownBy(() -> dag.input("shout"))
        .hasMessageContaining("job 'shout' has 0 external inputs");
    assertThatThrownBy(() -> dag.input("count-words", "words"))
        .hasMessageContaining("no external input 'words'; its external inputs: 'text'");
    assertThatThrownBy(() -> dag.input("count-words").put("a", 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the input 'text' of job 'count-words' is a java.lang.String, not a"
                + " java.lang.Integer");
    assertThatThrownBy(() -> dag.output("shout").get("missing"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("no output of job 'shout' for id 'missing': nothing at ");
    dag.output("count-words").put("a", new WordCount(1, "a"));
    assertThatThrownBy(() -> dag.output("count-words").get("a", String.class))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("stored as a io.klio.testing.words.WordCount");
    assertThatThrownBy(() -> dag.job("shout").run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing ran")
        .hasMessageContaining("no element ids");
  }

  @Test
  void bytesAndFilesGoInAsTheyAre(TestDag dag, @org.junit.jupiter.api.io.TempDir Path other)
      throws Exception {
    Path file = Files.writeString(other.resolve("t.txt"), "from a longer file");
    dag.input("count-words").putFile("f", file).putBytes("b", "from bytes".getBytes());

    dag.job("count-words").id("f", "b").run().assertNoDeadLetters();

    assertThat(dag.output("count-words").get("f", WordCount.class).longest()).isEqualTo("longer");
    assertThat(dag.output("shout").exists("f")).isFalse();
    assertThat(new String(dag.output("count-words").bytes("b"))).contains("\"words\" : 2");
  }
}
