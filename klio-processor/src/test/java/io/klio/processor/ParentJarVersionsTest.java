package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child job compiled against one version of its parent's jar runs with another on the classpath:
 * if the parent's output location or type changed, the child would read the wrong place or type, so
 * the command refuses to start; a new jar that agrees runs.
 */
class ParentJarVersionsTest {
  private static final String LOCATION = "${data}/tokens/{id}.txt";

  @TempDir static Path dir;
  @TempDir Path data;
  static Path child;

  /** The upstream project's only job, as one version of its jar has it. */
  private static Path parentJar(String version, String location, String returns, String body)
      throws IOException {
    JavaFileObject source =
        Sources.java(
            "team.u.Upstream",
            "public class Upstream {",
            "public record Tokens(String text) {}",
            "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)",
            "public @interface Checked {}",
            "@KlioJob(name = \"tokens\") @Output(location = \"" + location + "\")",
            "public static "
                + returns
                + " tokens(@Input(location = \"${data}/in/{id}.txt\") String raw) {",
            "  return " + body + "; }");
    return CompiledProject.compile(dir.resolve("upstream-" + version), List.of(), source)
        .jar(dir.resolve("upstream-" + version + ".jar"));
  }

  @BeforeAll
  static void compileChildAgainstVersion1() throws IOException {
    Path version1 = parentJar("1", LOCATION, "String", "raw.strip()");
    JavaFileObject source =
        Sources.java(
            "team.d.Downstream",
            "public class Downstream {",
            "@KlioJob(parents = \"tokens\") @Output(location = \"${data}/shout/{id}.txt\")",
            "public static String shout(@Input String text) { return text + \"!\"; }");
    child =
        CompiledProject.compile(dir.resolve("child"), List.of(version1.toFile()), source).classes;
  }

  private CompiledProject.Result klio(Path parentJar, String... command) throws IOException {
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/x.txt"), "hello\n");
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(List.of("--var", "data=" + data));
    return CompiledProject.klio(List.of(parentJar, child), args.toArray(String[]::new));
  }

  @Test
  void aParentJarThatMovedItsOutputIsRefusedBeforeAnythingRuns() throws IOException {
    Path moved = parentJar("2", "${data}/tokens-v2/{id}.txt", "String", "raw.strip()");

    CompiledProject.Result run = klio(moved, "run", "--job", "shout", "--id", "x");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "job 'shout' ("
                + child
                + ") was compiled against another version of job"
                + " 'tokens' than the one on this classpath ("
                + moved
                + ", manifest META-INF/klio/jobs/tokens.json)")
        .contains(
            "its input 'text' reads '"
                + LOCATION
                + "', but 'tokens' writes to"
                + " '${data}/tokens-v2/{id}.txt'")
        .contains("rebuild the project of 'shout' against this jar of 'tokens'");
    assertThat(data.resolve("tokens-v2")).doesNotExist();
    assertThat(data.resolve("shout")).doesNotExist();

    CompiledProject.Result dag = CompiledProject.klio(List.of(moved, child), "dag");
    assertThat(dag.status()).isEqualTo(2);
    assertThat(dag.err()).contains("but 'tokens' writes to '${data}/tokens-v2/{id}.txt'");

    CompiledProject.Result verify = klio(moved, "verify");
    assertThat(verify.status()).isEqualTo(1);
    assertThat(verify.out())
        .contains("FAIL dag: job 'shout' (" + child + ") was compiled against another version")
        .contains("but 'tokens' writes to '${data}/tokens-v2/{id}.txt'");
  }

  @Test
  void aParentJarThatChangedItsOutputTypeIsRefused() throws IOException {
    Path retyped = parentJar("3", LOCATION, "Tokens", "new Tokens(raw.strip())");

    CompiledProject.Result run = klio(retyped, "run", "--job", "shout", "--id", "x");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "its input 'text' was checked against java.lang.String, but 'tokens' returns"
                + " team.u.Upstream.Tokens")
        .doesNotContain("writes to");
    assertThat(data.resolve("tokens")).doesNotExist();
  }

  @Test
  void aRebuiltParentJarThatAgreesRuns() throws IOException {
    // javac shows a type-use annotation on a type read from source, not from a jar: no difference
    Path rebuilt = parentJar("4", LOCATION, "@Checked String", "raw.strip().toUpperCase()");

    CompiledProject.Result run = klio(rebuilt, "run", "--job", "shout", "--id", "x");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(data.resolve("shout/x.txt"))).isEqualTo("HELLO!");
  }
}
