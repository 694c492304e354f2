package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a four-level DAG in two packages with the real processor and runs it through the CLI on
 * the DirectRunner over local files.
 *
 * <pre>
 * ingest ─┬─ words ─┬─ parity ─┬─ report (also reads ingest)
 *         │         │          └─ echo
 *         │         └─ doubled
 *         └─ length
 * </pre>
 */
class DagRunFunctionalTest {
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  static final JavaFileObject INGEST =
      JavaFileObjects.forSourceLines(
          "test.a.Ingest",
          "package test.a;",
          "import io.klio.annotations.*;",
          "public class Ingest {",
          "  public record Text(String body) {}",
          "  @KlioJob(name = \"ingest\")",
          "  @Output(location = \"${data}/ingest/{id}.json\")",
          "  public static Text ingest(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
          "    if (raw.contains(\"boom\")) throw new IllegalStateException(\"boom in input\");",
          "    return new Text(raw.strip().toUpperCase());",
          "  }",
          "}");

  static final JavaFileObject ANALYSIS =
      JavaFileObjects.forSourceLines(
          "test.b.Analysis",
          "package test.b;",
          "import io.klio.annotations.*;",
          "import test.a.Ingest.Text;",
          "public class Analysis {",
          "  public record Count(int words) {}",
          "  private final int factor;",
          "  public Analysis() { factor = 2; }",
          "  @KlioJob(parents = \"ingest\") @Output(location = \"${data}/words/{id}.json\")",
          "  public static Count words(@Input Text text) {",
          "    return new Count(text.body().split(\"\\\\s+\").length);",
          "  }",
          "  @KlioJob(parents = \"ingest\") @Output(location = \"${data}/length/{id}.txt\")",
          "  public static String length(@Input Text text) { return \"\" + text.body().length(); }",
          "  @KlioJob(parents = \"words\") @Output(location = \"${data}/parity/{id}.txt\")",
          "  public static String parity(@Input Count count) { return count.words() % 2 == 0 ? \"even\" : \"odd\"; }",
          "  @KlioJob(parents = \"words\") @Output(location = \"${data}/doubled/{id}.json\")",
          "  public Count doubled(@Input Count count) { return new Count(count.words() * factor); }",
          "  @KlioJob(parents = \"parity\") @Output(location = \"${data}/echo/{id}.txt\")",
          "  public static byte[] echo(@Input byte[] parity) { return parity; }",
          "  @KlioJob(parents = \"parity\") @Output(location = \"${data}/report/{id}.txt\")",
          "  public static String report(@Input String parity, @Input(from = \"ingest\") Text text,",
          "      @ElementId String id) {",
          "    return id + \": \" + text.body() + \" has an \" + parity + \" number of words\";",
          "  }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), INGEST, ANALYSIS);
  }

  @BeforeEach
  void inputs() throws IOException {
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/a.txt"), "one two three\n");
    Files.writeString(data.resolve("in/b.txt"), "four five\n");
    Files.writeString(data.resolve("in/c.txt"), "six\n");
  }

  private CompiledProject.Result klio(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--var");
    all.add("data=" + data);
    return CompiledProject.klio(List.of(project.classes), all.toArray(String[]::new));
  }

  /** The "processed" column of the run's summary table, per job. */
  private static Map<String, Long> processed(CompiledProject.Result result) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : result.out().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length > 2 && cells[1].matches("\\d+")) {
        counts.put(cells[0], Long.parseLong(cells[1]));
      }
    }
    return counts;
  }

  @Test
  void wholeDagProducesEveryOutputThenSkipsEverything() throws IOException {
    CompiledProject.Result first = klio("run", "--dag", "--id", "a", "--id", "b");
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(processed(first))
        .containsEntry("ingest", 2L)
        .containsEntry("words", 2L)
        .containsEntry("length", 2L)
        .containsEntry("parity", 2L)
        .containsEntry("doubled", 2L)
        .containsEntry("report", 2L)
        .containsEntry("echo", 2L);
    assertThat(Files.readString(data.resolve("report/a.txt")))
        .isEqualTo("a: ONE TWO THREE has an odd number of words");
    assertThat(Files.readString(data.resolve("doubled/b.json"))).contains("\"words\" : 4");
    assertThat(Files.readString(data.resolve("length/b.txt"))).isEqualTo("9");

    CompiledProject.Result second = klio("run", "--dag", "--id", "a", "--id", "b");
    assertThat(second.status()).isZero();
    assertThat(processed(second).values()).hasSize(7).containsOnly(0L);
  }

  @Test
  void bottomUpComputesOnlyTheMissingAncestorsOnThePath() throws IOException {
    CompiledProject.Result run = klio("run", "--job", "report", "--id", "c");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(processed(run))
        .containsEntry("ingest", 1L)
        .containsEntry("words", 1L)
        .containsEntry("parity", 1L)
        .containsEntry("report", 1L)
        .doesNotContainKeys("length", "doubled", "echo");
    assertThat(data.resolve("length/c.txt")).doesNotExist();
    assertThat(data.resolve("echo/c.txt")).doesNotExist();
    assertThat(data.resolve("doubled/c.json")).doesNotExist();

    Files.delete(data.resolve("parity/c.txt"));
    Files.delete(data.resolve("report/c.txt"));
    CompiledProject.Result again = klio("run", "--job", "report", "--id", "c");
    assertThat(processed(again))
        .containsEntry("ingest", 0L)
        .containsEntry("words", 0L)
        .containsEntry("parity", 1L)
        .containsEntry("report", 1L);
  }

  @Test
  void topDownRunsTheJobAndItsDescendantsOnly() throws IOException {
    assertThat(klio("run", "--job", "ingest", "--id", "b").status()).isZero();
    CompiledProject.Result run = klio("run", "--job", "words", "--mode", "top-down", "--id", "b");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(processed(run))
        .containsEntry("words", 1L)
        .containsEntry("parity", 1L)
        .containsEntry("doubled", 1L)
        .containsEntry("report", 1L)
        .containsEntry("echo", 1L)
        .doesNotContainKeys("ingest", "length");
    assertThat(data.resolve("length/b.txt")).doesNotExist();
  }

  @Test
  void aThrowingJobDeadLettersItsElementWhileOthersComplete() throws IOException {
    Files.writeString(data.resolve("in/bad.txt"), "boom\n");
    CompiledProject.Result run = klio("run", "--dag", "--id", "a", "--id", "bad");
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.out()).contains("dead letters: 1");
    assertThat(data.resolve("report/a.txt")).exists();
    assertThat(data.resolve("ingest/bad.json")).doesNotExist();
    assertThat(data.resolve("words/bad.json")).doesNotExist();
  }

  @Test
  void forceRecomputesOnlyWhatItTargets() throws IOException {
    assertThat(klio("run", "--dag", "--id", "a").status()).isZero();
    CompiledProject.Result bottomUp = klio("run", "--job", "words", "--force", "--id", "a");
    assertThat(processed(bottomUp)).containsEntry("words", 1L).containsEntry("ingest", 0L);
    CompiledProject.Result topDown =
        klio("run", "--job", "words", "--mode", "top-down", "--force", "--id", "a");
    assertThat(processed(topDown))
        .containsEntry("words", 1L)
        .containsEntry("parity", 1L)
        .containsEntry("doubled", 1L)
        .containsEntry("report", 1L)
        .containsEntry("echo", 1L)
        .doesNotContainKeys("ingest", "length");
  }

  @Test
  void pingPrintsThePathOfEachIdAndComputesNothing() throws IOException {
    assertThat(klio("run", "--job", "ingest", "--id", "a").status()).isZero();
    Files.delete(data.resolve("in/b.txt"));

    CompiledProject.Result ping =
        klio("run", "--job", "report", "--ping", "--id", "a", "--id", "b", "--id", "c");

    assertThat(ping.status()).as(ping.err()).isZero();
    assertThat(ping.out().lines().filter(line -> line.matches("[abc]: .*")))
        .containsExactly(
            "a: words compute (output missing) -> parity compute (output missing)"
                + " -> report compute (output missing)",
            "b: ingest blocked (input missing) -> words blocked (a parent is blocked)"
                + " -> parity blocked (a parent is blocked) -> report blocked (a parent is blocked)",
            "c: ingest compute (output missing) -> words compute (output missing)"
                + " -> parity compute (output missing) -> report compute (output missing)");
    assertThat(data.resolve("ingest/c.json")).doesNotExist();
    assertThat(data.resolve("words")).doesNotExist();
  }

  @Test
  void aTopDownPingSkipsWhatExists() throws IOException {
    assertThat(klio("run", "--job", "words", "--id", "a").status()).isZero();

    CompiledProject.Result ping = klio("run", "--dag", "--ping", "--id", "a");

    assertThat(ping.status()).as(ping.err()).isZero();
    assertThat(ping.out())
        .contains(
            "a: ingest skip (output exists) -> length compute (output missing)"
                + " -> words skip (output exists) -> doubled compute (output missing)"
                + " -> parity compute (output missing) -> echo compute (output missing)"
                + " -> report compute (output missing)");
    assertThat(data.resolve("parity")).doesNotExist();
  }

  @Test
  void aCorruptInputIsDeadLetteredWhileOtherElementsComplete() throws IOException {
    assertThat(klio("run", "--job", "ingest", "--id", "a", "--id", "b").status()).isZero();
    Files.writeString(data.resolve("ingest/b.json"), "{ not json");
    CompiledProject.Result run = klio("run", "--job", "words", "--id", "a", "--id", "b");
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err()).contains("element 'b'").contains("not a JSON Text");
    assertThat(data.resolve("words/a.json")).exists();
    assertThat(data.resolve("words/b.json")).doesNotExist();
  }

  @Test
  void hostileIdsAreRejectedBeforeAnyReadOrWrite() throws IOException {
    Path outside = data.resolveSibling(data.getFileName() + "-outside");
    CompiledProject.Result run =
        klio(
            "run",
            "--dag",
            "--id",
            "a",
            "--id",
            "../" + outside.getFileName(),
            "--id",
            "x/../../y",
            "--id",
            "file:a",
            "--id",
            "a\u0007b");
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.out()).contains("dead letters: 4");
    assertThat(run.err()).contains("unsafe element id");
    assertThat(data.resolve("report/a.txt")).exists();
    assertThat(outside).doesNotExist();
    try (var files = Files.walk(data)) {
      assertThat(files.filter(Files::isRegularFile).map(data::relativize).map(Path::toString))
          .allMatch(
              name ->
                  name.matches("[a-z]+/[abc]\\.(txt|json)")
                      || name.matches("[a-z]+/\\.klio/a\\.(txt|json)\\.json")
                      || name.matches("\\.klio/reports/[0-9-]+\\.html")); // the run's report page
    }
  }

  @Test
  void childrenAskingForTheSameParentComputeItOnce() throws IOException {
    CompiledProject.Result run = klio("run", "--job", "parity", "--job", "doubled", "--id", "c");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(processed(run))
        .containsEntry("ingest", 1L)
        .containsEntry("words", 1L)
        .containsEntry("parity", 1L)
        .containsEntry("doubled", 1L)
        .doesNotContainKeys("length", "report");
  }

  @Test
  void dagPrintsEveryJob() throws IOException {
    CompiledProject.Result text = CompiledProject.klio(List.of(project.classes), "dag");
    assertThat(text.status()).isZero();
    assertThat(text.out())
        .contains("ingest", "words", "length", "parity", "doubled", "report", "echo");
    CompiledProject.Result mermaid =
        CompiledProject.klio(List.of(project.classes), "dag", "--format", "mermaid");
    assertThat(mermaid.out()).startsWith("flowchart TD");
  }

  @Test
  void verifyChecksVariablesAndThatInputDirectoriesExist() throws IOException {
    CompiledProject.Result good = klio("verify");
    assertThat(good.status()).as(good.out()).isZero();
    assertThat(good.out()).contains("ok   input directory " + data + "/in/: readable");

    Path empty = Files.createDirectories(data.resolve("elsewhere"));
    CompiledProject.Result bad =
        CompiledProject.klio(List.of(project.classes), "verify", "--var", "data=" + empty);
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.out()).contains("FAIL input directory " + empty + "/in/: no such directory");

    CompiledProject.Result noVar = CompiledProject.klio(List.of(project.classes), "verify");
    assertThat(noVar.status()).isEqualTo(2);
    assertThat(noVar.out())
        .contains("FAIL templates: (no config): vars: undefined variable(s) data");
  }

  @Test
  void manifestsDescribeEachJob() throws IOException {
    String manifest = Files.readString(project.classes.resolve("META-INF/klio/jobs/report.json"));
    assertThat(manifest)
        .contains("\"name\": \"report\"")
        .contains("\"parents\": [\n    \"parity\"\n  ]")
        .contains("\"from\": \"ingest\"")
        .contains("\"type\": \"test.a.Ingest.Text\"")
        .contains("\"location\": \"${data}/report/{id}.txt\"")
        .contains("\"method\": \"test.b.Analysis#report\"");
  }

  @Test
  void clearErrorsForUnknownJobsAndMissingVariables() throws IOException {
    CompiledProject.Result unknown = klio("run", "--job", "reprt", "--id", "a");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown job 'reprt'; did you mean 'report'?");

    CompiledProject.Result noVar =
        CompiledProject.klio(List.of(project.classes), "run", "--dag", "--id", "a");
    assertThat(noVar.status()).isEqualTo(2);
    assertThat(noVar.err()).contains("undefined variable(s) data");

    CompiledProject.Result badFlag = klio("run", "--dag", "--id", "a", "--no-such-flag=1");
    assertThat(badFlag.status()).isEqualTo(2);
    assertThat(badFlag.err()).contains("no-such-flag");
  }
}
