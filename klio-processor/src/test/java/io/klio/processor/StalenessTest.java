package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * Provenance end to end: a DAG compiled by the real processor runs, then a new build of it (or a
 * new input file) makes exactly the outputs that depend on the change stale, which {@code plan
 * --stale} reports and {@code run --stale} recomputes, and nothing else.
 *
 * <pre>
 * clean ─┬─ upper ── shout
 *        └─ length
 * </pre>
 */
class StalenessTest {
  private static final List<String> IDS = List.of("a", "b", "c");

  @TempDir static Path build;
  @TempDir Path data;
  static Path original;

  private static JavaFileObject jobs(String upperAnnotation, String upperMethod) {
    return Sources.java(
        "test.s.Jobs",
        "public class Jobs {",
        "  @KlioJob(name = \"clean\") @Output(location = \"${data}/clean/{id}.txt\")",
        "  public static String clean(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
        "    return raw.strip();",
        "  }",
        "  " + upperAnnotation + " @Output(location = \"${data}/upper/{id}.txt\")",
        upperMethod,
        "  @KlioJob(name = \"shout\", parents = \"upper\") @Output(location = \"${data}/shout/{id}.txt\")",
        "  public static String shout(@Input String text) { return text + \"!\"; }",
        "  @KlioJob(name = \"length\", parents = \"clean\") @Output(location = \"${data}/length/{id}.txt\")",
        "  public static String length(@Input String text) { return \"\" + text.length(); }");
  }

  private static final String UPPER = "@KlioJob(name = \"upper\", parents = \"clean\")";
  private static final String UPPER_METHOD =
      "  public static String upper(@Input String text) { return text.toUpperCase(); }";

  private static Path compile(String name, JavaFileObject source) throws IOException {
    return CompiledProject.compile(build.resolve(name), List.of(), source).classes;
  }

  @BeforeAll
  static void compileTheFirstBuild() throws IOException {
    original = compile("original", jobs(UPPER, UPPER_METHOD));
  }

  @BeforeEach
  void runTheFirstBuild() throws IOException {
    Files.createDirectories(data.resolve("in"));
    for (String id : IDS) {
      Files.writeString(data.resolve("in/" + id + ".txt"), "  text of " + id + "\n");
    }
    CompiledProject.Result first =
        klio(original, "run", "--dag", "--id", "a", "--id", "b", "--id", "c");
    assertThat(first.status()).as(first.err()).isZero();
  }

  @Test
  void aChangedBodyMakesItsJobAndItsDescendantsStaleAndNothingElse() throws IOException {
    Path fixed =
        compile(
            "fixed",
            jobs(
                UPPER,
                "  public static String upper(@Input String text) {"
                    + " return text.toUpperCase(java.util.Locale.ROOT); }"));

    Map<String, long[]> plan = plan(fixed);
    assertThat(plan.get("upper")).as("upper: compute, missing, stale").containsExactly(3, 0, 3);
    assertThat(plan.get("shout")).containsExactly(3, 0, 3);
    assertThat(plan.get("clean")).containsExactly(0, 0, 0);
    assertThat(plan.get("length")).containsExactly(0, 0, 0);

    CompiledProject.Result run = klio(fixed, runStale());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(processed(run))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("clean", 0L, "upper", 3L, "shout", 3L, "length", 0L));
    assertThat(plan(fixed).values()).allSatisfy(counts -> assertThat(counts[0]).isZero());

    CompiledProject.Result lineage = klio(fixed, "lineage", "--job", "shout", "--id", "b");
    assertThat(lineage.status()).as(lineage.err()).isZero();
    assertThat(lineage.out())
        .startsWith("shout  current\n")
        .contains("upper  current")
        .contains("raw (external) " + data.resolve("in/b.txt") + "  unchanged");
    // the first build still sees its own outputs of upper and shout as stale: they changed
    assertThat(plan(original).get("upper")).containsExactly(3, 0, 3);
  }

  @Test
  void aChangeToCommentsAndLayoutAloneMakesNothingStale() throws IOException {
    Path reformatted =
        compile(
            "reformatted",
            jobs(
                UPPER,
                "  /** Upper case. */\n  public static String upper(\n      @Input String text) {\n"
                    + "    // the whole text\n    return text\n        .toUpperCase();   /* done */\n  }"));

    assertThat(plan(reformatted).values())
        .allSatisfy(counts -> assertThat(counts[0]).as("to compute").isZero());
    CompiledProject.Result run = klio(reformatted, runStale());
    assertThat(processed(run).values()).containsOnly(0L);
  }

  @Test
  void aNewVersionMakesItsJobAndItsDescendantsStale() throws IOException {
    Path bumped =
        compile(
            "bumped",
            jobs("@KlioJob(name = \"upper\", parents = \"clean\", version = \"2\")", UPPER_METHOD));

    Map<String, long[]> plan = plan(bumped);
    assertThat(plan.get("upper")).containsExactly(3, 0, 3);
    assertThat(plan.get("shout")).containsExactly(3, 0, 3);
    assertThat(plan.get("clean")[0]).isZero();
    assertThat(plan.get("length")[0]).isZero();

    CompiledProject.Result lineage = klio(bumped, "lineage", "--job", "upper", "--id", "a");
    assertThat(lineage.out()).startsWith("upper  stale: version '' then, '2' now");
  }

  @Test
  void aReplacedInputFileMakesItsConsumersAndTheirDescendantsStale() throws IOException {
    Path input = data.resolve("in/b.txt");
    Files.writeString(input, "  other text of b\n");
    Files.setLastModifiedTime(input, FileTime.fromMillis(System.currentTimeMillis() + 2_000));

    CompiledProject.Result lineage = klio(original, "lineage", "--job", "shout", "--id", "b");
    assertThat(lineage.out())
        .startsWith("shout  stale: input 'text' from 'upper' will be recomputed\n");
    assertThat(lineage.out())
        .contains("clean  stale: input 'raw' changed (size=")
        .contains("raw (external) " + input + "  changed: size=");

    Map<String, long[]> plan = plan(original);
    for (String job : List.of("clean", "upper", "shout", "length")) {
      assertThat(plan.get(job)).as(job).containsExactly(1, 0, 1);
    }
    CompiledProject.Result run = klio(original, runStale());
    assertThat(processed(run))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("clean", 1L, "upper", 1L, "shout", 1L, "length", 1L));
    assertThat(data.resolve("shout/b.txt")).hasContent("OTHER TEXT OF B!");
  }

  @Test
  void withoutStaleARunRecomputesNothingThatExists() throws IOException {
    Path fixed =
        compile(
            "fixed-too",
            jobs(
                UPPER,
                "  public static String upper(@Input String text) { return text.toUpperCase() + \"?\"; }"));
    CompiledProject.Result run = klio(fixed, "run", "--dag", "--id", "a", "--id", "b", "--id", "c");
    assertThat(processed(run).values()).containsOnly(0L);
    assertThat(plan(fixed).get("upper")).containsExactly(3, 0, 3);
  }

  @Test
  void aChildInAnotherJarIsStaleWhenANewJarOfItsParentChangesItsCode() throws IOException {
    Path parent1 = upstreamJar("1", "raw.strip()");
    Path parent2 = upstreamJar("2", "raw.strip().replace('e', 'E')");
    Path child =
        CompiledProject.compile(
                build.resolve("downstream"),
                List.of(parent1.toFile()),
                Sources.java(
                    "team.d.Downstream",
                    "public class Downstream {",
                    "  @KlioJob(parents = \"tokens\") @Output(location = \"${data}/loud/{id}.txt\")",
                    "  public static String loud(@Input String text) { return text + \"!\"; }"))
            .classes;
    CompiledProject.Result first =
        CompiledProject.klio(
            List.of(parent1, child), "run", "--dag", "--id", "a", "--var", "data=" + data);
    assertThat(processed(first)).containsEntry("tokens", 1L).containsEntry("loud", 1L);

    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(parent2, child),
            "run",
            "--dag",
            "--id",
            "a",
            "--stale",
            "--var",
            "data=" + data);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(processed(run)).containsEntry("tokens", 1L).containsEntry("loud", 1L);
    assertThat(data.resolve("loud/a.txt")).hasContent("tExt of a!");
    CompiledProject.Result again =
        CompiledProject.klio(
            List.of(parent2, child),
            "run",
            "--dag",
            "--id",
            "a",
            "--stale",
            "--var",
            "data=" + data);
    assertThat(processed(again)).containsEntry("tokens", 0L).containsEntry("loud", 0L);
  }

  /** The other team's job {@code tokens}, as one version of its jar has it. */
  private static Path upstreamJar(String version, String body) throws IOException {
    JavaFileObject source =
        Sources.java(
            "team.u.Upstream",
            "public class Upstream {",
            "  @KlioJob(name = \"tokens\") @Output(location = \"${data}/tokens/{id}.txt\")",
            "  public static String tokens(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
            "    return " + body + "; }");
    return CompiledProject.compile(build.resolve("upstream-" + version), List.of(), source)
        .jar(build.resolve("upstream-" + version + ".jar"));
  }

  @Test
  void planAndLineageRefuseBadArgumentsWithExitStatus2() throws IOException {
    CompiledProject.Result format = klio(original, "plan", "--dag", "--id", "a", "--format", "xml");
    assertThat(format.status()).isEqualTo(2);
    assertThat(format.err()).contains("klio plan: --format xml: use text or json");
    CompiledProject.Result job = klio(original, "lineage", "--job", "uper", "--id", "a");
    assertThat(job.status()).isEqualTo(2);
    assertThat(job.err()).contains("klio lineage: unknown job 'uper'; did you mean 'upper'?");
    CompiledProject.Result id = klio(original, "lineage", "--job", "upper", "--id", "../x");
    assertThat(id.status()).isEqualTo(2);
    assertThat(id.err()).contains("unsafe element id '../x'");
    CompiledProject.Result stale = klio(original, "run", "--job", "upper", "--stale");
    assertThat(stale.status()).isEqualTo(2);
  }

  private String[] runStale() {
    return new String[] {"run", "--dag", "--id", "a", "--id", "b", "--id", "c", "--stale"};
  }

  /** The plan's compute, missing and stale columns per job. */
  private Map<String, long[]> plan(Path classes) throws IOException {
    CompiledProject.Result plan =
        klio(classes, "plan", "--dag", "--id", "a", "--id", "b", "--id", "c", "--stale");
    assertThat(plan.status()).as(plan.err()).isZero();
    Map<String, long[]> counts = new TreeMap<>();
    for (String line : plan.out().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length > 4 && cells[1].matches("\\d+") && cells[2].matches("\\d+")) {
        counts.put(
            cells[0],
            new long[] {
              Long.parseLong(cells[1]), Long.parseLong(cells[2]), Long.parseLong(cells[3])
            });
      }
    }
    assertThat(counts).as(plan.out()).containsOnlyKeys("clean", "upper", "shout", "length");
    return counts;
  }

  /** The "processed" column of a run's counters table, per job. */
  private static Map<String, Long> processed(CompiledProject.Result run) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : run.out().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length > 2 && cells[1].matches("\\d+")) {
        counts.put(cells[0], Long.parseLong(cells[1]));
      }
    }
    return counts;
  }

  private CompiledProject.Result klio(Path classes, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--var");
    all.add("data=" + data);
    return CompiledProject.klio(List.of(classes), all.toArray(String[]::new));
  }
}
