package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.klio.processor.base.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Jobs that another annotation processor writes: they arrive in a later round than the jobs of the
 * sources, and join the same DAG, checked and generated like them.
 */
class LaterRoundJobsTest {
  private static final JavaFileObject GENERATE =
      JavaFileObjects.forSourceLines(
          "test.GenerateJobs", "package test;", "public @interface GenerateJobs {}");

  private static Compilation compile(JavaFileObject source, String... generatedJobs) {
    // Klio first: in round 1 it sees the sources' jobs before the generated ones exist
    return Compiler.javac()
        .withProcessors(
            new KlioProcessor(),
            new OtherProcessor(
                "test.GenerateJobs",
                "test.GeneratedJobs",
                "package test;\nimport io.klio.annotations.*;\n"
                    + "public class GeneratedJobs {\n"
                    + String.join("\n", generatedJobs)
                    + "\n}\n"))
        .compile(GENERATE, source);
  }

  private static JavaFileObject sourceJobs(String... lines) {
    return Sources.java("test.Jobs", "@GenerateJobs public class Jobs {", lines);
  }

  private static String services(Compilation compilation) {
    return compilation
        .generatedFile(
            StandardLocation.CLASS_OUTPUT,
            "",
            "META-INF/services/io.klio.runtime.job.JobDefinition")
        .map(
            file -> {
              try {
                return file.getCharContent(true).toString();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElseThrow();
  }

  @Test
  void generatedChildOfASourceJobJoinsTheDag() {
    Compilation compilation =
        compile(
            sourceJobs(
                "@KlioJob(name = \"produce\") @Output(location = \"${data}/p/{id}.txt\")",
                "public static String produce(@ElementId String id) { return id; }"),
            "@KlioJob(name = \"shout\", parents = \"produce\")",
            "@Output(location = \"${data}/s/{id}.txt\")",
            "public static String shout(@Input String text) { return text + \"!\"; }");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.ShoutKlioJob")
        .contentsAsUtf8String()
        .contains("InputSpec.fromJob(\"text\", \"produce\", \"${data}/p/{id}.txt\"");
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/klio/jobs/shout.json");
    assertThat(services(compilation).lines())
        .containsExactlyInAnyOrder(
            "test.ProduceKlioJob$Definition", "test.ShoutKlioJob$Definition");
  }

  @Test
  void sourceChildOfAGeneratedJobWaitsForIt() {
    Compilation compilation =
        compile(
            sourceJobs(
                "@KlioJob(name = \"grow\", parents = \"seed\")",
                "@Output(location = \"${data}/g/{id}.txt\")",
                "public static String grow(@Input String seed) { return seed + seed; }"),
            "@KlioJob(name = \"seed\") @Output(location = \"${data}/seed/{id}.txt\")",
            "public static String seed(@ElementId String id) { return id; }");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.GrowKlioJob")
        .contentsAsUtf8String()
        .contains("InputSpec.fromJob(\"seed\", \"seed\", \"${data}/seed/{id}.txt\"");
    assertThat(services(compilation).lines())
        .containsExactlyInAnyOrder("test.GrowKlioJob$Definition", "test.SeedKlioJob$Definition");
  }

  @Test
  void generatedJobsAreChecked() {
    JavaFileObject source =
        sourceJobs(
            "@KlioJob(name = \"produce\") @Output(location = \"${data}/p/{id}.txt\")",
            "public static String produce(@ElementId String id) { return id; }");
    Compilation compilation =
        compile(
            source,
            "public record Count(int n) {}",
            "@KlioJob(name = \"count\", parents = \"produce\")",
            "@Output(location = \"${data}/c/{id}.json\")",
            "public static Count count(@Input Count wrong) { return wrong; }");
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            Message.TYPE_MISMATCH.tag()
                + " input 'wrong' of job 'count' has type test.GeneratedJobs.Count");
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void unknownParentIsStillReportedWhenNoRoundBringsIt() {
    JavaFileObject source =
        sourceJobs(
            "@KlioJob(name = \"grow\", parents = \"sed\")",
            "@Output(location = \"${data}/g/{id}.txt\")",
            "public static String grow(@Input String seed) { return seed; }");
    Compilation compilation =
        compile(
            source,
            "@KlioJob(name = \"seed\") @Output(location = \"${data}/seed/{id}.txt\")",
            "public static String seed(@ElementId String id) { return id; }");
    assertThat(compilation)
        .hadErrorContaining(Message.UNKNOWN_PARENT.tag() + " job 'grow' names parent 'sed'")
        .inFile(source)
        .onLineContaining("parents = \"sed\"");
    assertThat(compilation).hadErrorContaining("did you mean 'seed'?");
    assertThat(compilation.errors()).hasSize(1);
  }
}
