package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, timeouts and dead-letter files from klio.yaml; a run killed mid-way, then resumed. */
class ResilienceTest {
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "sem.Jobs",
          "package sem;",
          "import io.klio.annotations.*;",
          "import java.nio.file.*;",
          "import java.util.concurrent.ConcurrentHashMap;",
          "public class Jobs {",
          "  static final ConcurrentHashMap<String, Integer> CALLS = new ConcurrentHashMap<>();",
          "  @KlioJob(name = \"source\") @Output(location = \"${data}/source/{id}.txt\")",
          "  public static String source(@Input(location = \"${data}/in/{id}.txt\") String in,",
          "      @ElementId String id) throws Exception {",
          "    if (in.startsWith(\"hang\")) {",
          "      Files.createDirectories(Path.of(System.getProperty(\"java.io.tmpdir\")));",
          "      Thread.sleep(600_000);",
          "    }",
          "    return in.strip() + \" done\";",
          "  }",
          "  @KlioJob(name = \"flaky\", parents = \"source\") @Output(location = \"${data}/flaky/{id}.txt\")",
          "  public static String flaky(@Input String in, @ElementId String id) {",
          "    if (CALLS.merge(\"flaky-\" + id, 1, Integer::sum) < 3) throw new IllegalStateException(\"not yet\");",
          "    return in;",
          "  }",
          "  @KlioJob(name = \"slow\", parents = \"source\") @Output(location = \"${data}/slow/{id}.txt\")",
          "  public static String slow(@Input String in) throws Exception {",
          "    Thread.sleep(5_000);",
          "    return in;",
          "  }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), JOBS);
  }

  private Path config(String yaml) throws IOException {
    return Files.writeString(data.resolve("klio.yaml"), yaml);
  }

  @Test
  void retriesAndTimeoutsComeFromTheConfigAndFailuresLandInDeadLetterFiles() throws IOException {
    Files.createDirectories(data.resolve("in"));
    Files.writeString(data.resolve("in/a.txt"), "a");
    Path config =
        config(
            String.join(
                "\n",
                "vars:",
                "  data: " + data,
                "deadLetters: ${data}/dead-letters",
                "jobs:",
                "  flaky:",
                "    retries: 2",
                "  slow:",
                "    timeout: 300ms",
                ""));
    CompiledProject.Result run =
        CompiledProject.klio(
            List.of(project.classes), "run", "--dag", "--id", "a", "--config", config.toString());
    assertThat(run.status()).as(run.err()).isEqualTo(3);
    assertThat(Files.readString(data.resolve("flaky/a.txt"))).isEqualTo("a done");
    assertThat(run.out()).containsPattern("flaky\\s+1\\s+0\\s+0\\s+0\\s+0\\s+2\\s+0\\s+0");
    assertThat(data.resolve("slow/a.txt")).doesNotExist();
    try (Stream<Path> letters = Files.list(data.resolve("dead-letters/slow"))) {
      Path letter = letters.findFirst().orElseThrow();
      assertThat(Files.readString(letter))
          .contains("timed out after PT0.3S")
          .contains("\"element\" : \"a\"");
    }
  }

  @Test
  void aRunKilledMidwayLeavesNoPartialOutputAndCompletesWhenRunAgain() throws Exception {
    Files.createDirectories(data.resolve("in"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add("e" + i);
      Files.writeString(data.resolve("in/e" + i + ".txt"), i == 7 ? "hang" : "payload " + i);
    }
    Files.write(data.resolve("ids.txt"), ids);
    String classpath = project.classes + File.pathSeparator + System.getProperty("java.class.path");
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            classpath,
            "io.klio.runtime.Klio",
            "run",
            "--job",
            "source",
            "--ids",
            data.resolve("ids.txt").toString(),
            "--var",
            "data=" + data);
    Process first =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("first.log").toFile())
            .start();
    // e7 hangs forever; wait until the others that share no bundle with it are written.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long written = 0;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline && first.isAlive()) {
      long now = countOutputs();
      if (now != written) {
        written = now;
        stableSince = System.nanoTime();
      } else if (written > 0 && System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(first.isAlive()).as(Files.readString(data.resolve("first.log"))).isTrue();
    assertThat(written).isBetween(1L, 19L);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(data.resolve("source/e7.txt")).doesNotExist();
    try (Stream<Path> files = Files.list(data.resolve("source"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".")) {
          assertThat(Files.readString(file)).as(name).endsWith(" done");
        }
      }
    }

    Files.writeString(data.resolve("in/e7.txt"), "payload 7");
    Process second =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("second.log").toFile())
            .start();
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(data.resolve("second.log"));
    assertThat(second.exitValue()).as(log).isZero();
    assertThat(log).containsPattern("source\\s+" + (20 - written) + "\\s+" + written + "\\s");
    assertThat(Files.readString(data.resolve("source/e7.txt"))).isEqualTo("payload 7 done");
  }

  private long countOutputs() throws IOException {
    Path dir = data.resolve("source");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
    }
  }
}
