package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose call hangs for one element and ignores interrupts: the element is dead-lettered after
 * its timeout, the job's other elements keep moving, and the worker's threads stay bounded.
 */
class DeafJobTest {
  private static final int IDS = 30;
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;
  private Path release;

  static final JavaFileObject JOBS =
      JavaFileObjects.forSourceLines(
          "deaf.Jobs",
          "package deaf;",
          "import io.klio.annotations.*;",
          "import java.nio.file.*;",
          "public class Jobs {",
          "  @KlioJob(name = \"deaf\") @Output(location = \"${data}/deaf/{id}.txt\")",
          "  public static String deaf(@Input(location = \"${data}/in/{id}.txt\") String in) {",
          "    if (in.startsWith(\"hang\")) {",
          "      Path release = Path.of(System.getProperty(\"deaf.release\"));",
          "      while (!Files.exists(release)) {",
          "        try { Thread.sleep(10); } catch (InterruptedException ignored) { }",
          "      }",
          "    }",
          "    return in.strip();",
          "  }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), JOBS);
  }

  @AfterEach
  void releaseTheHungCall() throws IOException {
    Files.writeString(release, "go");
  }

  private static long threadsOf(String job) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("klio-" + job) && t.isAlive())
        .count();
  }

  @Test
  void aHungCallIsDeadLetteredAndTheRestOfTheJobMovesOn() throws IOException {
    release = data.resolve("release");
    System.setProperty("deaf.release", release.toString());
    Files.createDirectories(data.resolve("in"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--job",
                "deaf",
                "--var",
                "data=" + data,
                "--config",
                Files.writeString(
                        data.resolve("klio.yaml"),
                        "jobs:\n  deaf:\n    timeout: 500ms\n    retries: 1\n    retryDelay: 10ms\n"
                            + "    maxConcurrency: 3\n")
                    .toString()));
    for (int i = 0; i < IDS; i++) {
      Files.writeString(data.resolve("in/e" + i + ".txt"), i == 4 ? "hang" : "fine " + i);
      args.add("--id");
      args.add("e" + i);
    }

    CompiledProject.Result run =
        CompiledProject.klio(List.of(project.classes), args.toArray(String[]::new));

    assertThat(run.status()).as(run.err()).isEqualTo(3);
    assertThat(run.err())
        .contains("dead letter: job 'deaf', element 'e4'")
        .contains("timed out after PT0.5S");
    assertThat(run.out()).containsPattern("deaf\\s+29\\s");
    for (int i = 0; i < IDS; i++) {
      assertThat(Files.exists(data.resolve("deaf/e" + i + ".txt"))).as("e" + i).isEqualTo(i != 4);
    }
    // The two hung attempts (first call and retry) still run, deaf to interrupts, on their own
    // threads; no other thread of the job is left behind.
    assertThat(threadsOf("deaf")).isBetween(2L, 2L + 3);
  }
}
