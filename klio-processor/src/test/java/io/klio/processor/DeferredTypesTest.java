package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.klio.processor.base.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Jobs whose types another processor generates in the same compilation: Klio waits for them instead
 * of reporting them; a type that never comes is javac's to report.
 */
class DeferredTypesTest {
  private static final JavaFileObject GENERATE =
      JavaFileObjects.forSourceLines(
          "test.Generate", "package test;", "public @interface Generate {}");

  private static Compilation compileWithGenerator(JavaFileObject... sources) {
    JavaFileObject[] all = new JavaFileObject[sources.length + 1];
    all[0] = GENERATE;
    System.arraycopy(sources, 0, all, 1, sources.length);
    // Klio first: it sees round 1 before the type exists
    OtherProcessor generator =
        new OtherProcessor(
            "test.Generate",
            "test.GeneratedResult",
            "package test; public record GeneratedResult(String value) {}\n");
    return Compiler.javac().withProcessors(new KlioProcessor(), generator).compile(all);
  }

  private static JavaFileObject generatingJobs(String... lines) {
    return Sources.java("test.Jobs", "@Generate public class Jobs {", lines);
  }

  private static void assertNoKlioErrors(Compilation compilation) {
    assertThat(compilation.errors())
        .as(compilation.diagnostics().toString())
        .noneMatch(d -> d.getMessage(null).contains("[Klio/"));
  }

  @Test
  void jobsReturningAndTakingAGeneratedTypeAreGenerated() {
    Compilation compilation =
        compileWithGenerator(
            generatingJobs(
                "@KlioJob(name = \"produce\") @Output(location = \"/p/{id}.json\")",
                "public static GeneratedResult produce(@ElementId String id) {",
                "  return new GeneratedResult(id); }",
                "@KlioJob(name = \"consume\", parents = \"produce\")",
                "@Output(location = \"/c/{id}\")",
                "public static String consume(@Input GeneratedResult in) { return in.value(); }"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ProduceKlioJob");
    assertThat(compilation).generatedSourceFile("test.ConsumeKlioJob");
  }

  @Test
  void codecForAGeneratedTypeIsAccepted() {
    Compilation compilation =
        compileWithGenerator(
            generatingJobs(
                "@KlioJob(name = \"produce\") @Output(location = \"/p/{id}\")",
                "public static GeneratedResult produce(@ElementId String id) { return null; }"),
            Sources.java(
                "test.ResultCodec",
                "@KlioCodec public class ResultCodec"
                    + " implements io.klio.codec.Codec<GeneratedResult> {",
                "public void encode(GeneratedResult v, java.io.OutputStream out) {}",
                "public GeneratedResult decode(java.io.InputStream in) { return null; }"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.ProduceKlioJob");
  }

  @Test
  void checksStillRunOnceTheTypeExists() {
    JavaFileObject source =
        generatingJobs(
            "@KlioJob(name = \"produce\") @Output(location = \"/p/{id}\")",
            "public static String produce(@ElementId String id) { return id; }",
            "@KlioJob(name = \"consume\", parents = \"produce\") @Output(location = \"/c/{id}\")",
            "public static String consume(@Input GeneratedResult in) { return null; }");
    Compilation compilation = compileWithGenerator(source);
    assertThat(compilation)
        .hadErrorContaining(Message.TYPE_MISMATCH.tag())
        .inFile(source)
        .onLineContaining("@Input GeneratedResult in");
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void aTypeThatNeverExistsIsLeftToJavac() {
    JavaFileObject source =
        Sources.jobs(
            "@KlioJob(name = \"produce\") @Output(location = \"/p/{id}\")",
            "public static NeverGenerated produce(@ElementId String id) { return null; }",
            "@KlioJob(name = \"consume\", parents = \"produce\") @Output(location = \"/c/{id}\")",
            "public static String consume(@Input NeverGenerated in) { return null; }");
    Compilation compilation = Sources.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(source)
        .onLineContaining("public static NeverGenerated produce");
    assertNoKlioErrors(compilation);
    // a warning, not an error: it explains why no Klio code was generated, without repeating javac
    assertThat(compilation)
        .hadWarningContaining(
            Message.UNRESOLVED_TYPE.tag()
                + " job 'produce' (test.Jobs#produce)"
                + " refers to NeverGenerated")
        .inFile(source)
        .onLineContaining("public static NeverGenerated produce");
  }

  @Test
  void noKlioWarningWhenAnotherErrorWasRaised() {
    Compilation compilation =
        Sources.compile(
            Sources.jobs(
                "@KlioJob(name = \"produce\") @Output(location = \"/p/{id}\")",
                "public static NeverGenerated produce(@ElementId String id) { return null; }",
                "public static String helper(@Input String in) { return in; }"));
    assertThat(compilation).hadErrorContaining(Message.MISPLACED.tag());
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation.diagnostics())
        .noneMatch(d -> d.getMessage(null).contains(Message.UNRESOLVED_TYPE.tag()));
  }
}
