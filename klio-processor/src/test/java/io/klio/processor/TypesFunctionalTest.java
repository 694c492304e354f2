package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of type a job may read and write, through real generated code: local files, bytes, a
 * bean, a boxed scalar, a primitive, and a type with a {@code @KlioCodec} of the same compilation.
 */
class TypesFunctionalTest {
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  static final JavaFileObject POINT =
      JavaFileObjects.forSourceLines(
          "types.Point",
          "package types;",
          "public final class Point {",
          "  public final int x, y;",
          "  public Point(int x, int y) { this.x = x; this.y = y; }",
          "}");

  static final JavaFileObject POINT_CODEC =
      JavaFileObjects.forSourceLines(
          "types.PointCodec",
          "package types;",
          "import io.klio.annotations.KlioCodec;",
          "import io.klio.codec.*;",
          "import java.io.*;",
          "import java.nio.charset.StandardCharsets;",
          "@KlioCodec",
          "public final class PointCodec implements Codec<Point> {",
          "  public void encode(Point p, OutputStream out) throws IOException {",
          "    out.write((p.x + \";\" + p.y).getBytes(StandardCharsets.UTF_8));",
          "  }",
          "  public Point decode(InputStream in) throws IOException {",
          "    String[] parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).split(\";\");",
          "    if (parts.length != 2) throw new CodecException(\"not a point\");",
          "    return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));",
          "  }",
          "}");

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "types.Jobs",
          "package types;",
          "import io.klio.annotations.*;",
          "import java.nio.file.*;",
          "public class Jobs {",
          "  public static class Size {",
          "    private long bytes;",
          "    public Size() {}",
          "    public long getBytes() { return bytes; }",
          "    public void setBytes(long bytes) { this.bytes = bytes; }",
          "  }",
          "  @KlioJob(name = \"raw\") @Output(location = \"${data}/raw/{id}.bin\")",
          "  public static byte[] raw(@Input(location = \"${data}/in/{id}.bin\") byte[] in) { return in; }",
          "  @KlioJob(name = \"file\", parents = \"raw\") @Output(location = \"${data}/file/{id}.bin\")",
          "  public static Path file(@Input Path local) throws Exception {",
          "    Path out = Files.createTempFile(\"klio-types-test-\", \".bin\");",
          "    byte[] bytes = Files.readAllBytes(local);",
          "    byte[] reversed = new byte[bytes.length];",
          "    for (int i = 0; i < bytes.length; i++) reversed[i] = bytes[bytes.length - 1 - i];",
          "    Files.write(out, reversed);",
          "    return out;",
          "  }",
          "  @KlioJob(name = \"size\", parents = \"file\") @Output(location = \"${data}/size/{id}.json\")",
          "  public static Size size(@Input byte[] reversed) {",
          "    Size s = new Size(); s.setBytes(reversed.length); return s;",
          "  }",
          "  @KlioJob(name = \"ratio\", parents = \"size\") @Output(location = \"${data}/ratio/{id}.json\")",
          "  public static Double ratio(@Input Size size) { return size.getBytes() / 2.0; }",
          "  @KlioJob(name = \"point\", parents = \"ratio\") @Output(location = \"${data}/point/{id}.txt\")",
          "  public static Point point(@Input Double ratio, @Input(from = \"size\") Size size) {",
          "    return new Point((int) Math.round(ratio), (int) size.getBytes());",
          "  }",
          "  @KlioJob(name = \"half\", parents = \"ratio\") @Output(location = \"${data}/half/{id}.json\")",
          "  public static double half(@Input double ratio) { return ratio / 2; }",
          "  @KlioJob(name = \"mirror\", parents = \"point\") @Output(location = \"${data}/mirror/{id}.txt\")",
          "  public static Point mirror(@Input Point p) { return new Point(p.y, p.x); }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project =
        CompiledProject.compile(build.resolve("classes"), List.of(), POINT, POINT_CODEC, JOBS);
  }

  @Test
  void everyKindOfTypeTravelsBetweenJobs() throws IOException {
    Files.createDirectories(data.resolve("in"));
    Files.write(data.resolve("in/a.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(project.classes), "run", "--dag", "--id", "a", "--var", "data=" + data);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(data.resolve("file/a.bin")))
        .containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    assertThat(Files.readString(data.resolve("size/a.json"))).contains("\"bytes\" : 10");
    assertThat(Files.readString(data.resolve("ratio/a.json")).strip()).isEqualTo("5.0");
    assertThat(Files.readString(data.resolve("point/a.txt"))).isEqualTo("5;10");
    assertThat(Files.readString(data.resolve("mirror/a.txt"))).isEqualTo("10;5");
    assertThat(Files.readString(data.resolve("half/a.json")).strip()).isEqualTo("2.5");
    try (var temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(temporary.map(f -> f.getFileName().toString()))
          .as("the file the job returned is removed once stored")
          .noneMatch(name -> name.startsWith("klio-types-test-"));
    }
  }

  @Test
  void aCustomCodecRejectingItsInputIsADeadLetter() throws IOException {
    Files.createDirectories(data.resolve("point"));
    Files.writeString(data.resolve("point/b.txt"), "garbage");
    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(project.classes),
            "run",
            "--job",
            "mirror",
            "--id",
            "b",
            "--var",
            "data=" + data);
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err()).contains("cannot read input 'p'").contains("not a point");
  }
}
