package io.klio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.klio.annotations.KlioCodec;
import io.klio.codec.Codec;
import io.klio.processor.base.Message;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library adds a type with a codec, built against klio-annotations and klio-codec alone; another
 * project has the library's jar on its classpath, and the processor and the runtime find the codec
 * there.
 */
class CodecInJarTest {
  @TempDir static Path dir;
  static Path libraryJar;

  static final JavaFileObject GRADE =
      JavaFileObjects.forSourceLines(
          "lib.grade.Grade",
          "package lib.grade;",
          "import io.klio.annotations.KlioCodec;",
          "import io.klio.codec.Codec;",
          "import io.klio.codec.CodecException;",
          "import java.io.*;",
          "import java.nio.charset.StandardCharsets;",
          "public final class Grade {",
          "  public final int points;",
          "  public Grade(int points) { this.points = points; }",
          "  @KlioCodec",
          "  public static final class GradeCodec implements Codec<Grade> {",
          "    public void encode(Grade g, OutputStream out) throws IOException {",
          "      out.write((\"grade:\" + g.points).getBytes(StandardCharsets.UTF_8));",
          "    }",
          "    public Grade decode(InputStream in) throws IOException {",
          "      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);",
          "      if (!text.startsWith(\"grade:\")) throw new CodecException(\"not a grade\");",
          "      return new Grade(Integer.parseInt(text.substring(6)));",
          "    }",
          "  }",
          "}");

  static final JavaFileObject JOBS =
      Sources.java(
          "team.b.Grading",
          "public class Grading {",
          "@KlioJob(name = \"grade\") @Output(location = \"${data}/grade/{id}.txt\")",
          "public static lib.grade.Grade grade(@Input(location = \"${data}/in/{id}.txt\") String s) {",
          "  return new lib.grade.Grade(s.strip().length()); }",
          "@KlioJob(parents = \"grade\") @Output(location = \"${data}/verdict/{id}.txt\")",
          "public static String verdict(@Input lib.grade.Grade g) {",
          "  return g.points >= 5 ? \"pass\" : \"fail\"; }");

  @BeforeAll
  static void buildLibraryJar() throws IOException, URISyntaxException {
    // Only the two API jars: the library compiles without the runtime, Beam or Google Cloud.
    List<File> apiOnly = List.of(jarOf(KlioCodec.class), jarOf(Codec.class));
    Compilation library =
        Compiler.javac().withProcessors(new KlioProcessor()).withClasspath(apiOnly).compile(GRADE);
    assertThat(library).succeededWithoutWarnings();
    libraryJar = CompiledProject.write(library, dir.resolve("lib")).jar(dir.resolve("grade.jar"));
  }

  private static File jarOf(Class<?> type) throws URISyntaxException {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theLibraryJarRegistersItsCodec() throws IOException {
    try (JarFile jar = new JarFile(libraryJar.toFile())) {
      assertThat(jar.stream().map(e -> e.getName()))
          .anyMatch(name -> name.startsWith("io/klio/aggregated/") && name.endsWith(".class"));
    }
  }

  @Test
  void jobsOfAnotherProjectStoreTheTypeWithTheJarsCodec() throws IOException {
    CompiledProject project =
        CompiledProject.compile(dir.resolve("team"), List.of(libraryJar.toFile()), JOBS);
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/a.txt"), "excellent\n");

    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(libraryJar, project.classes),
            "run",
            "--dag",
            "--id",
            "a",
            "--var",
            "data=" + data);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(data.resolve("grade/a.txt"))).isEqualTo("grade:9");
    assertThat(Files.readString(data.resolve("verdict/a.txt"))).isEqualTo("pass");
  }

  @Test
  void badBytesReachTheJarsCodecAndAreADeadLetter() throws IOException {
    CompiledProject project =
        CompiledProject.compile(dir.resolve("team-bad"), List.of(libraryJar.toFile()), JOBS);
    Path data = Files.createDirectories(dir.resolve("bad"));
    Files.createDirectories(data.resolve("grade"));
    Files.writeString(data.resolve("grade/b.txt"), "garbage");

    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(libraryJar, project.classes),
            "run",
            "--job",
            "verdict",
            "--id",
            "b",
            "--var",
            "data=" + data);

    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err()).contains("not a grade");
  }

  @Test
  void withoutTheJarTheTypeHasNoCodec() {
    JavaFileObject grade =
        JavaFileObjects.forSourceLines(
            "lib.grade.Grade",
            "package lib.grade;",
            "public final class Grade {",
            "  public final int points;",
            "  public Grade(int points) { this.points = points; }",
            "}");
    Compilation compilation = Sources.compile(List.of(), grade, JOBS);
    assertThat(compilation).hadErrorContaining(Message.NO_CODEC.tag());
  }
}
