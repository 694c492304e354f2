package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-DAG run killed with SIGKILL at five random points, then run to the end: no output is ever
 * partial, none is missing at the end, and nothing that was stored before a kill is computed again.
 */
class RandomKillsTest {
  private static final int IDS = 60;
  private static final int KILLS = 5;
  private static final List<String> JOBS = List.of("source", "upper", "length", "report");
  @TempDir static Path build;
  @TempDir Path data;
  static CompiledProject project;

  /** Each job logs what it computes to the file the run names, and takes a little time. */
  static final JavaFileObject SOURCES =
      JavaFileObjects.forSourceLines(
          "kill.Jobs",
          "package kill;",
          "import io.klio.annotations.*;",
          "import java.nio.file.*;",
          "public class Jobs {",
          "  static void computed(String job, String id) {",
          "    try {",
          "      Thread.sleep(15);",
          "      Files.writeString(Path.of(System.getProperty(\"kill.log\")), job + \" \" + id + \"\\n\",",
          "          StandardOpenOption.CREATE, StandardOpenOption.APPEND);",
          "    } catch (Exception e) { throw new IllegalStateException(e); }",
          "  }",
          "  @KlioJob(name = \"source\") @Output(location = \"${data}/source/{id}.txt\")",
          "  public static String source(@Input(location = \"${data}/in/{id}.txt\") String in, @ElementId String id) {",
          "    computed(\"source\", id);",
          "    return in.strip();",
          "  }",
          "  @KlioJob(name = \"upper\", parents = \"source\") @Output(location = \"${data}/upper/{id}.txt\")",
          "  public static String upper(@Input String in, @ElementId String id) {",
          "    computed(\"upper\", id);",
          "    return in.toUpperCase();",
          "  }",
          "  @KlioJob(name = \"length\", parents = \"source\") @Output(location = \"${data}/length/{id}.txt\")",
          "  public static String length(@Input String in, @ElementId String id) {",
          "    computed(\"length\", id);",
          "    return \"\" + in.length();",
          "  }",
          "  @KlioJob(name = \"report\", parents = {\"upper\", \"length\"})",
          "  @Output(location = \"${data}/report/{id}.txt\")",
          "  public static String report(@Input(from = \"upper\") String upper,",
          "      @Input(from = \"length\") String length, @ElementId String id) {",
          "    computed(\"report\", id);",
          "    return upper + \" has \" + length + \" characters\";",
          "  }",
          "}");

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), SOURCES);
  }

  private static String text(int i) {
    return "track number " + i;
  }

  /** What a complete output of {@code job} for element {@code i} holds. */
  private static String expected(String job, int i) {
    return switch (job) {
      case "source" -> text(i);
      case "upper" -> text(i).toUpperCase();
      case "length" -> "" + text(i).length();
      default -> text(i).toUpperCase() + " has " + text(i).length() + " characters";
    };
  }

  private Process start(int run) throws IOException {
    String classpath = project.classes + File.pathSeparator + System.getProperty("java.class.path");
    return new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-Dkill.log=" + data.resolve("computed-" + run + ".log"),
            "-cp",
            classpath,
            "io.klio.runtime.Klio",
            "run",
            "--dag",
            "--ids",
            data.resolve("ids.txt").toString(),
            "--batch-size",
            "10",
            "--var",
            "data=" + data)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("run-" + run + ".log").toFile())
        .start();
  }

  /**
   * The outputs stored so far, as "job id"; fails on any output that is not complete. Files whose
   * names start with a dot are the atomic writes' temporary files, which no reader takes for
   * outputs.
   */
  private Set<String> stored() throws IOException {
    Set<String> stored = new HashSet<>();
    for (String job : JOBS) {
      Path dir = data.resolve(job);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (name.startsWith(".")) {
            continue;
          }
          int i = Integer.parseInt(name.substring(1, name.length() - ".txt".length()));
          assertThat(Files.readString(file)).as(job + "/" + name).isEqualTo(expected(job, i));
          stored.add(job + " " + "e" + i);
        }
      }
    }
    return stored;
  }

  /** How many outputs are stored, without reading them. */
  private int count() throws IOException {
    int count = 0;
    for (String job : JOBS) {
      String[] names = data.resolve(job).toFile().list((dir, name) -> !name.startsWith("."));
      count += names == null ? 0 : names.length;
    }
    return count;
  }

  private Set<String> computedIn(int run) throws IOException {
    Path log = data.resolve("computed-" + run + ".log");
    return Files.exists(log) ? new HashSet<>(Files.readAllLines(log)) : Set.of();
  }

  /** What run {@code run} computed of the outputs stored before it. */
  private Set<String> recomputed(int run, Set<String> storedBefore) throws IOException {
    Set<String> again = new HashSet<>(computedIn(run));
    again.retainAll(storedBefore);
    return again;
  }

  @Test
  void fiveKillsAtRandomPointsLoseNothingAndRedoNothing() throws Exception {
    Files.createDirectories(data.resolve("in"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IDS; i++) {
      ids.add("e" + i);
      Files.writeString(data.resolve("in/e" + i + ".txt"), text(i) + "\n");
    }
    Files.write(data.resolve("ids.txt"), ids);
    int total = IDS * JOBS.size();
    Random random = new Random(20261130);
    List<Set<String>> afterKill = new ArrayList<>();
    afterKill.add(Set.of());

    for (int run = 1; run <= KILLS; run++) {
      int before = stored().size();
      // Kill once a random share of what is left is stored: always mid-run, never at the end.
      int target = before + 1 + random.nextInt(Math.max(1, (total - before) / 3));
      Process process = start(run);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (count() < target && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      String log = Files.readString(data.resolve("run-" + run + ".log"));
      assertThat(process.isAlive()).as("run %d ended before its kill: %s", run, log).isTrue();
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
      Set<String> now = stored(); // complete, every one
      assertThat(now).containsAll(afterKill.get(run - 1));
      assertThat(recomputed(run, afterKill.get(run - 1))).isEmpty();
      afterKill.add(now);
      System.out.printf("kill %d: %d of %d outputs stored%n", run, now.size(), total);
    }

    Process last = start(KILLS + 1);
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(data.resolve("run-" + (KILLS + 1) + ".log"));
    assertThat(last.exitValue()).as(log).isZero();
    assertThat(stored()).hasSize(total);
    assertThat(recomputed(KILLS + 1, afterKill.get(KILLS))).isEmpty();
    // Every output was computed in some run, and the last computed exactly what was missing.
    assertThat(computedIn(KILLS + 1)).hasSize(total - afterKill.get(KILLS).size());
  }
}
