package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

class GenerationSmokeTest {
  @Test
  void generates() {
    Compilation c =
        javac()
            .withProcessors(new KlioProcessor())
            .compile(
                JavaFileObjects.forSourceLines(
                    "test.Jobs",
                    "package test;",
                    "import io.klio.annotations.*;",
                    "public class Jobs {",
                    "  public record Beats(double bpm) {}",
                    "  @KlioJob(name = \"downsample\")",
                    "  @Output(location = \"${data}/down/{id}.txt\")",
                    "  public static String downsample(@Input(location = \"${data}/in/{id}.txt\") String in) { return in; }",
                    "  @KlioJob(parents = \"downsample\")",
                    "  @Output(location = \"${data}/beats/{id}.json\")",
                    "  public Beats beatTracking(@Input String in, @ElementId String id) { return new Beats(120); }",
                    "}"));
    System.out.println(c.diagnostics());
    c.generatedSourceFiles().forEach(f -> {
      try { System.out.println(f.getCharContent(true)); } catch (Exception e) { throw new RuntimeException(e); }
    });
    assertThat(c).succeededWithoutWarnings();
  }
}
