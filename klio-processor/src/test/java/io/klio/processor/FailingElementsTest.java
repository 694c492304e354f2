package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-DAG run in which a job fails for most elements: how the failures are reported, what
 * happens to the children, and when the job's instances are built.
 */
class FailingElementsTest {
  private static final int IDS = 10;
  private static final int BAD = 7;
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "fail.Jobs",
          "package fail;",
          "import io.klio.annotations.*;",
          "import java.nio.file.*;",
          "public class Jobs {",
          "  /** Loads a model, say: may throw, and is counted in the file the test names. */",
          "  public Jobs() throws java.io.IOException {",
          "    Path log = Path.of(System.getProperty(\"fail.constructions\"));",
          "    Files.writeString(log, \"built\\n\", StandardOpenOption.CREATE, StandardOpenOption.APPEND);",
          "  }",
          "  @KlioJob(name = \"source\") @Output(location = \"${data}/source/{id}.txt\")",
          "  public String source(@Input(location = \"${data}/in/{id}.txt\") String in) {",
          "    if (in.startsWith(\"bad\")) throw new IllegalStateException(\"cannot take \" + in);",
          "    return in;",
          "  }",
          "  @KlioJob(name = \"child\", parents = \"source\") @Output(location = \"${data}/child/{id}.txt\")",
          "  public static String child(@Input String in) { return in + \"!\"; }",
          "  @KlioJob(name = \"grandchild\", parents = \"child\")",
          "  @Output(location = \"${data}/grandchild/{id}.txt\")",
          "  public static String grandchild(@Input String in) { return in + \"!\"; }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), JOBS);
  }

  @BeforeEach
  void inputs() throws IOException {
    Files.createDirectories(data.resolve("in"));
    for (int i = 0; i < IDS; i++) {
      Files.writeString(data.resolve("in/e" + i + ".txt"), (i < BAD ? "bad " : "good ") + i);
    }
    System.setProperty("fail.constructions", data.resolve("constructions").toString());
  }

  private CompiledProject.Result runDag(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--dag", "--var", "data=" + data));
    for (int i = 0; i < IDS; i++) {
      args.add("--id");
      args.add("e" + i);
    }
    args.addAll(List.of(extra));
    return CompiledProject.klio(List.of(project.classes), args.toArray(String[]::new));
  }

  private long constructions() throws IOException {
    Path log = data.resolve("constructions");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  private static long count(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void eachDeadLetterIsLoggedOnceWithItsTraceOnceAndNoCoderWarnings() throws IOException {
    CompiledProject.Result run = runDag();

    assertThat(run.status()).as(run.err()).isEqualTo(3);
    assertThat(run.err()).doesNotContain("MutationDetectors").doesNotContain("structuralValue");
    for (int i = 0; i < BAD; i++) {
      // No dead-letter location: the log holds the whole reason, trace included, once.
      assertThat(count(run.err(), "cannot take bad " + i + "$")).as("e" + i).isEqualTo(1);
    }
    assertThat(count(run.err(), "^\\tat fail\\.Jobs\\.source")).isEqualTo(BAD);
  }

  @Test
  void aStoredDeadLetterIsLoggedOnceWithTheFirstLinesOfItsTrace() throws IOException {
    Path letters = data.resolve("dead-letters");
    Path config = Files.writeString(data.resolve("klio.yaml"), "deadLetters: " + letters + "\n");

    CompiledProject.Result run = runDag("--config", config.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(3);
    assertThat(count(run.err(), "dead letter: job 'source'")).isEqualTo(BAD);
    assertThat(count(run.err(), "^\\tat fail\\.Jobs\\.source")).isEqualTo(BAD);
    // the file holds the rest of the trace
    assertThat(count(run.err(), "^\\t\\.\\.\\. \\d+ more line\\(s\\) in the file")).isEqualTo(BAD);
    try (Stream<Path> files = Files.list(letters.resolve("source"))) {
      List<Path> stored = files.toList();
      assertThat(stored).hasSize(BAD);
      assertThat(Files.readString(stored.get(0))).contains("at fail.Jobs.source");
    }
  }

  @Test
  void elementsBlockedByAFailedParentAreCountedAtEveryDescendant() throws IOException {
    CompiledProject.Result run = runDag();

    // job, processed, ..., dead-lettered, blocked-by-parent: every element ends in one column.
    assertThat(run.out())
        .containsPattern("source\\s+3(\\s+0){6}\\s+7\\s+0\\s")
        .containsPattern("child\\s+3(\\s+0){6}\\s+0\\s+7\\s")
        .containsPattern("grandchild\\s+3(\\s+0){6}\\s+0\\s+7\\s")
        .contains("blocked-by-parent");
  }

  @Test
  void instancesAreBuiltOnlyWhenAnElementIsComputed() throws IOException {
    runDag(
        "--config",
        Files.writeString(data.resolve("klio.yaml"), "jobs:\n  source:\n    maxConcurrency: 2\n")
            .toString());
    long first = constructions();
    assertThat(first).isBetween(1L, 2L); // one per slot at most

    for (int i = 0; i < BAD; i++) {
      Files.writeString(data.resolve("in/e" + i + ".txt"), "fixed " + i);
    }
    CompiledProject.Result second = runDag();
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(constructions()).isGreaterThan(first);

    long before = constructions();
    CompiledProject.Result nothingToDo = runDag();
    assertThat(nothingToDo.status()).as(nothingToDo.err()).isZero();
    assertThat(nothingToDo.out()).containsPattern("source\\s+0\\s+10\\s");
    assertThat(constructions()).isEqualTo(before);
  }
}
