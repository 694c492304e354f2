package io.klio.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: {@code run --dag --ids FILE} over 1,000,000 ids and over 10,000 ids, each in a child JVM
 * with the same small heap. A million ids as Java strings alone take about 52 MB (a 24-byte {@code
 * String} and a 24-byte array each, and a list slot), more than the whole heap, so a run that ends
 * well cannot have held them. Every one of the 2,000,000 outputs must be there and the summary
 * table's counts exact.
 */
@Tag("load")
class MillionIdsDagLoadTest {
  private static final int SMALL = 10_000;
  private static final int LARGE = 1_000_000;

  /**
   * Measured in steps of 4 MB on the child JVM below: 10,000 ids run in 28 MB (not in 24 MB), a
   * million need 36 MB (not in 32 MB). The difference, a few KB for each of the 2,466 byte ranges
   * the million-id file is cut into (19 for 10,000 ids), is the DirectRunner's bookkeeping of the
   * ranges, not ids. Both runs get one step more than the million need.
   */
  private static final String HEAP = "-Xmx40m";

  /**
   * The child sees 2 processors whatever the machine, so that its thread pools, and with them the
   * batches in flight, are those the heap was measured with.
   */
  private static final String PROCESSORS = "-XX:ActiveProcessorCount=2";

  private static final long CHILD_TIMEOUT_MINUTES = 60;
  private static final List<String> JOBS = List.of("seed", "upper");

  /** Counters that say something other than how an element ended. */
  private static final List<String> NOT_OUTCOMES =
      List.of("retried", "requests-unanswered", "storage-requests");

  private static final Pattern HEAP_AFTER_GC = Pattern.compile("->(\\d+)M\\(\\d+M\\)");

  /** A root that reads nothing (so no input file per id) and one child. */
  static final JavaFileObject JOBS_SOURCE =
      JavaFileObjects.forSourceLines(
          "load.Tiny",
          "package load;",
          "import io.klio.annotations.*;",
          "public class Tiny {",
          "  @KlioJob(name = \"seed\") @Output(location = \"${data}/seed/{id}.txt\")",
          "  public static String seed(@ElementId String id) { return \"seed of \" + id; }",
          "  @KlioJob(name = \"upper\", parents = \"seed\") @Output(location = \"${data}/upper/{id}.txt\")",
          "  public static String upper(@Input String seed) { return seed.toUpperCase(); }",
          "}");

  @TempDir static Path build;
  @TempDir Path dir;
  static CompiledProject project;

  @BeforeAll
  static void compile() throws IOException {
    project = CompiledProject.compile(build.resolve("classes"), List.of(), JOBS_SOURCE);
  }

  /** What the child JVM did: its exit status, wall time, peak resident memory and heap. */
  record ChildRun(
      int ids,
      int exit,
      double wallSeconds,
      long peakRssKib,
      long maxHeapAfterGcMib,
      String out,
      String errTail) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d ids, %s: exit %d, %.1f s (%,.0f ids/s), peak RSS %,d MiB,"
              + " largest heap after a GC %d MiB",
          ids,
          HEAP,
          exit,
          wallSeconds,
          ids / wallSeconds,
          peakRssKib / 1024,
          maxHeapAfterGcMib);
    }
  }

  @Test
  void tenThousandAndAMillionIdsRunInOneSmallHeapAndLoseNothing() throws Exception {
    ChildRun small = runAndCheck(SMALL);
    ChildRun large = runAndCheck(LARGE);
    System.out.println("dag load: " + small + "\ndag load: " + large);
  }

  private ChildRun runAndCheck(int count) throws Exception {
    Path run = Files.createDirectories(dir.resolve("run-" + count));
    Path data = run.resolve("data");
    Path idFile = run.resolve("ids.txt");
    try (BufferedWriter ids = Files.newBufferedWriter(idFile)) {
      for (int i = 0; i < count; i++) {
        ids.write(id(i));
        ids.newLine();
      }
    }
    ChildRun result =
        runChild(run, count, "run", "--dag", "--ids", idFile.toString(), "--var", "data=" + data);
    System.out.println("dag load: " + result);
    assertThat(result.exit()).as("exit status:\n" + result.out() + result.errTail()).isZero();

    Map<String, Map<String, Long>> table = summary(result.out());
    assertThat(table).as(result.out()).containsOnlyKeys(JOBS);
    for (String job : JOBS) {
      Map<String, Long> counts = table.get(job);
      assertThat(counts.get("processed")).as(job + ": " + counts).isEqualTo(count);
      long outcomes =
          counts.entrySet().stream()
              .filter(c -> !NOT_OUTCOMES.contains(c.getKey()))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertThat(outcomes).as(job + ": " + counts).isEqualTo(count);
    }
    assertThat(result.out()).contains("dead letters: 0\n");

    for (String job : JOBS) {
      assertThat(outputs(data.resolve(job))).as(job + " outputs").isEqualTo(count);
    }
    for (int i = 0; i < count; i += 997) {
      assertSample(data, i);
    }
    assertSample(data, count - 1);
    return result;
  }

  private static String id(int i) {
    return "e" + i;
  }

  private static void assertSample(Path data, int i) throws IOException {
    String seed = "seed of " + id(i);
    assertThat(Files.readString(data.resolve("seed/" + id(i) + ".txt"))).isEqualTo(seed);
    assertThat(Files.readString(data.resolve("upper/" + id(i) + ".txt")))
        .isEqualTo(seed.toUpperCase(Locale.ROOT));
  }

  /**
   * The finished outputs in {@code folder}, besides the directory of their provenance records;
   * fails on a temporary file left by a write.
   */
  private static long outputs(Path folder) throws IOException {
    long outputs = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.equals(".klio") && Files.isDirectory(file)) {
          continue;
        }
        assertThat(name).as("a temporary file left behind").doesNotStartWith(".");
        outputs++;
      }
    }
    return outputs;
  }

  /** The counters table the run printed last: job → column → count. */
  private static Map<String, Map<String, Long>> summary(String out) {
    String[] lines = out.split("\n");
    int header = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("job ")) {
        header = i;
      }
    }
    assertThat(header).as("a counters table in:\n" + out).isNotNegative();
    String[] columns = lines[header].trim().split("\\s+");
    Map<String, Map<String, Long>> table = new TreeMap<>();
    for (int i = header + 1; i < lines.length && !lines[i].startsWith("dead letters:"); i++) {
      String[] cells = lines[i].trim().split("\\s+");
      Map<String, Long> counts = new TreeMap<>();
      for (int c = 1; c < cells.length; c++) {
        counts.put(columns[c], Long.parseLong(cells[c]));
      }
      table.put(cells[0], counts);
    }
    return table;
  }

  /**
   * Runs the CLI in a JVM with {@link #HEAP}, sampling its peak resident memory ({@code VmHWM})
   * every 20 ms until it exits.
   */
  private static ChildRun runChild(Path run, int ids, String... args) throws Exception {
    Path gcLog = run.resolve("gc.log");
    Path out = run.resolve("out.txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                HEAP,
                PROCESSORS,
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                project.classes + File.pathSeparator + System.getProperty("java.class.path"),
                "io.klio.runtime.Klio"));
    command.addAll(List.of(args));
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(run.resolve("err.txt").toFile())
            .start();
    long peak = 0;
    long deadline = started + TimeUnit.MINUTES.toNanos(CHILD_TIMEOUT_MINUTES);
    while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMarkKib(process.pid()));
      if (System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "the run over "
                + ids
                + " ids took over "
                + CHILD_TIMEOUT_MINUTES
                + " minutes; see "
                + run);
      }
    }
    double wall = (System.nanoTime() - started) / 1e9;
    long maxHeap = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = HEAP_AFTER_GC.matcher(line);
      if (m.find()) {
        maxHeap = Math.max(maxHeap, Long.parseLong(m.group(1)));
      }
    }
    String err = Files.readString(run.resolve("err.txt"));
    return new ChildRun(
        ids,
        process.exitValue(),
        wall,
        peak,
        maxHeap,
        Files.readString(out),
        err.length() > 6000 ? "..." + err.substring(err.length() - 6000) : err);
  }

  private static long highWaterMarkKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process has just ended
    }
    return 0;
  }
}
