package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.klio.processor.base.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another team's project depends on the jar of the first one and declares children of its jobs: the
 * wiring is checked across jars like within one compilation.
 */
class CrossJarTest {
  @TempDir static Path dir;
  static Path upstreamJar;

  @BeforeAll
  static void buildUpstreamJar() throws IOException {
    upstreamJar =
        CompiledProject.compile(dir.resolve("upstream"), List.of(), DagRunFunctionalTest.INGEST)
            .jar(dir.resolve("upstream.jar"));
  }

  private static JavaFileObject downstream(String... lines) {
    return Sources.java("team.b.Downstream", "public class Downstream {", lines);
  }

  private static Compilation compileAgainstJar(JavaFileObject source) {
    return Sources.compile(List.of(upstreamJar.toFile()), source);
  }

  @Test
  void childOfAJobInAJarCompilesAndRuns() throws IOException {
    JavaFileObject source =
        downstream(
            "@KlioJob(parents = \"ingest\") @Output(location = \"${data}/shout/{id}.txt\")",
            "public static String shout(@Input test.a.Ingest.Text text) { return text.body() + \"!\"; }");
    CompiledProject downstream =
        CompiledProject.compile(dir.resolve("downstream"), List.of(upstreamJar.toFile()), source);

    Path data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/x.txt"), "hello");
    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(upstreamJar, downstream.classes),
            "run",
            "--job",
            "shout",
            "--id",
            "x",
            "--var",
            "data=" + data);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(data.resolve("shout/x.txt"))).isEqualTo("HELLO!");
    assertThat(data.resolve("ingest/x.json")).exists();
  }

  @Test
  void unknownParentAcrossJarsSuggestsTheJarsJob() {
    JavaFileObject source =
        downstream(
            "@KlioJob(parents = \"ingst\") @Output(location = \"/s/{id}\")",
            "public static String shout(@Input String text) { return text; }");
    Compilation compilation = compileAgainstJar(source);
    assertThat(compilation)
        .hadErrorContaining(Message.UNKNOWN_PARENT.tag())
        .inFile(source)
        .onLineContaining("parents = \"ingst\"");
    assertThat(compilation).hadErrorContaining("did you mean 'ingest'?");
  }

  @Test
  void typeMismatchWithAJobInAJar() {
    JavaFileObject source =
        downstream(
            "public record Count(int words) {}",
            "@KlioJob(parents = \"ingest\") @Output(location = \"/s/{id}\")",
            "public static String shout(@Input Count wrong) { return \"\"; }");
    Compilation compilation = compileAgainstJar(source);
    assertThat(compilation)
        .hadErrorContaining(Message.TYPE_MISMATCH.tag())
        .inFile(source)
        .onLineContaining("Count wrong");
    assertThat(compilation).hadErrorContaining("it returns test.a.Ingest.Text");
  }

  @Test
  void fileOutputOfAJobInAJarFeedsOnlyRawInputs() throws IOException {
    JavaFileObject render =
        Sources.java(
            "team.c.Render",
            "public class Render {",
            "@KlioJob(name = \"render\") @Output(location = \"${data}/png/{id}.png\")",
            "public static Path render(@Input(location = \"${data}/svg/{id}.svg\") Path svg) {",
            "  return svg; }");
    Path renderJar =
        CompiledProject.compile(dir.resolve("render"), List.of(), render)
            .jar(dir.resolve("render.jar"));
    JavaFileObject typed =
        downstream(
            "public record Decoded(int width) {}",
            "@KlioJob(parents = \"render\") @Output(location = \"/d/{id}\")",
            "public static String describe(@Input Decoded thumb) { return \"\"; }");
    Compilation compilation = Sources.compile(List.of(renderJar.toFile()), typed);
    assertThat(compilation)
        .hadErrorContaining(Message.TYPE_MISMATCH.tag())
        .inFile(typed)
        .onLineContaining("Decoded thumb");
    assertThat(compilation).hadErrorContaining("it returns java.nio.file.Path");
    assertThat(compilation.errors()).hasSize(1);

    JavaFileObject raw =
        downstream(
            "@KlioJob(parents = \"render\") @Output(location = \"/d/{id}\")",
            "public static byte[] copy(@Input byte[] png) { return png; }");
    assertThat(Sources.compile(List.of(renderJar.toFile()), raw)).succeededWithoutWarnings();
  }

  @Test
  void duplicateOfAJobInAJar() {
    JavaFileObject source =
        downstream(
            "@KlioJob(name = \"ingest\") @Output(location = \"/s/{id}\")",
            "public static String mine(@Input(location = \"/in/{id}\") String text) { return text; }");
    Compilation compilation = compileAgainstJar(source);
    assertThat(compilation)
        .hadErrorContaining(
            Message.DUPLICATE_JOB.tag()
                + " job name 'ingest' is already used by test.a.Ingest#ingest (from a jar on the classpath)")
        .inFile(source)
        .onLineContaining("name = \"ingest\"");
  }

  @Test
  void jarsWithOneMarkerPerJobAreStillRead() throws IOException {
    // Jars built by earlier versions of the processor hold one @AggregatedJob marker per job.
    JavaFileObject marker =
        JavaFileObjects.forSourceLines(
            "io.klio.aggregated.Job_ingest__test_a_Ingest_ingest",
            "package io.klio.aggregated;",
            "@io.klio.annotations.internal.AggregatedJob(",
            "    name = \"ingest\", declaringClass = \"test.a.Ingest\", method = \"ingest\")",
            "public final class Job_ingest__test_a_Ingest_ingest {}");
    Compilation old =
        Compiler.javac().withOptions("-proc:none").compile(DagRunFunctionalTest.INGEST, marker);
    assertThat(old).succeeded();
    Path classes = Files.createDirectories(dir.resolve("one-marker-per-job"));
    for (JavaFileObject file : old.generatedFiles()) {
      String uri = file.toUri().getPath();
      Path target = classes.resolve(uri.substring(uri.indexOf("/CLASS_OUTPUT/") + 14));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    JavaFileObject source =
        downstream(
            "@KlioJob(parents = \"ingst\") @Output(location = \"/s/{id}\")",
            "public static String shout(@Input String text) { return text; }");
    Compilation compilation = Sources.compile(List.of(classes.toFile()), source);
    assertThat(compilation).hadErrorContaining("did you mean 'ingest'?");
  }

  @Test
  void ownStaleOutputOnTheClasspathIsNotADuplicate() throws IOException {
    // Maven puts a project's own target/classes on its classpath when it recompiles.
    Path stale =
        CompiledProject.compile(dir.resolve("stale"), List.of(), DagRunFunctionalTest.INGEST)
            .classes;
    assertThat(Sources.compile(List.of(stale.toFile()), DagRunFunctionalTest.INGEST)).succeeded();
  }
}
