package io.klio.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a whole-DAG run's memory grows with its number of element ids. Each run is a separate JVM
 * ({@code io.klio.runtime.Klio run --dag --ids FILE}) over {@link SmallJobs} with the same heap
 * limit, measured whole: peak resident memory (VmHWM), the largest heap left after a garbage
 * collection (what the run really holds), CPU and wall time. Runs of one table are measured in the
 * same invocation, one after the other, so their ratios compare like with like.
 *
 * <p>Two kinds of run: {@code compute} computes and writes every output (6 small files per id);
 * {@code ping} takes every id through every job and looks every output up but writes nothing, so
 * that a million ids fit on a developer's disk.
 *
 * <pre>
 * java -cp benchmarks/target/klio-benchmarks-*-all.jar io.klio.benchmarks.IdScaleBenchmark [--quick]
 * </pre>
 */
public final class IdScaleBenchmark {
  private static final String HEAP = "-Xmx128m";
  private static final Pattern AFTER_FULL_GC = Pattern.compile("Pause Full.*->(\\d+)M\\(");
  private static final long FULL_GC_EVERY_NANOS = 3_000_000_000L;

  private record Measure(String mode, int ids, double wallSeconds, double cpuSeconds, long rssKib,
      long liveMib, long maxLiveMib, int exit) {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("klio-id-scale-");
    try {
      List<Measure> measures = new ArrayList<>();
      int[] pingSizes = quick ? new int[] {10_000, 100_000} : new int[] {10_000, 100_000, 1_000_000};
      int[] computeSizes = quick ? new int[] {2_000, 20_000} : new int[] {10_000, 100_000};
      for (int ids : computeSizes) {
        measures.add(run(work, "compute", ids));
      }
      for (int ids : pingSizes) {
        measures.add(run(work, "ping", ids));
      }
      print(measures);
    } finally {
      delete(work);
    }
    System.out.printf("benchmark took %.0f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static Measure run(Path work, String mode, int count) throws Exception {
    Path ids = work.resolve("ids-" + count + ".txt");
    try (Writer out = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        out.write(String.format("track-%08d%n", i));
      }
    }
    Path data = Files.createDirectories(work.resolve("data-" + mode + "-" + count));
    Path gcLog = work.resolve("gc-" + mode + "-" + count + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-Xlog:gc:file=" + gcLog,
        "-cp", System.getProperty("java.class.path"),
        "io.klio.runtime.Klio", "run", "--dag", "--ids", ids.toString(), "--var", "data=" + data));
    if (mode.equals("ping")) {
      command.add("--ping");
    }
    System.err.printf("running %s over %,d ids ...%n", mode, count);
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        // a ping logs a line per job and id: millions of lines at this scale
        .redirectError(mode.equals("ping")
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(work.resolve("run-" + mode + "-" + count + ".log").toFile()))
        .start();
    long rss = 0;
    double cpu = 0;
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long nextFullGc = System.nanoTime() + FULL_GC_EVERY_NANOS;
    while (process.isAlive()) {
      rss = Math.max(rss, highWaterMark(status));
      if (System.nanoTime() >= nextFullGc) {
        collectFully(process.pid());
        nextFullGc = System.nanoTime() + FULL_GC_EVERY_NANOS;
      }
      cpu = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(cpu);
      Thread.sleep(50);
    }
    double wall = (System.nanoTime() - started) / 1e9;
    List<Long> live = liveHeap(gcLog);
    long median = live.isEmpty() ? 0 : live.stream().sorted().toList().get(live.size() / 2);
    long max = live.stream().mapToLong(Long::longValue).max().orElse(0);
    return new Measure(mode, count, wall, cpu, rss, median, max, process.waitFor());
  }

  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process has just ended
    }
    return 0;
  }

  /** Asks the JVM {@code pid} for a full collection (it may just have ended). */
  private static void collectFully(long pid) throws InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("the benchmark needs the JDK's jcmd: " + e.getMessage(), e);
    }
  }

  /** The heap occupancy after each full collection, in MiB, from {@code -Xlog:gc}. */
  private static List<Long> liveHeap(Path gcLog) throws IOException {
    List<Long> live = new ArrayList<>();
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = AFTER_FULL_GC.matcher(line);
      if (m.find()) {
        live.add(Long.parseLong(m.group(1)));
      }
    }
    return live;
  }

  private static void print(List<Measure> measures) {
    PrintWriter out = new PrintWriter(System.out, true);
    out.printf("whole-DAG run of 6 small jobs, DirectRunner, each run a JVM with %s%n", HEAP);
    out.printf("%-8s %10s %8s %8s %8s %9s %9s %11s %11s %5s%n", "mode", "ids", "wall s", "cpu s",
        "rss MiB", "live MiB", "max live", "rss x prev", "live x prev", "exit");
    Measure previous = null;
    for (Measure m : measures) {
      boolean sameMode = previous != null && previous.mode.equals(m.mode);
      out.printf("%-8s %,10d %8.1f %8.1f %8d %9d %9d %11s %11s %5d%n", m.mode, m.ids, m.wallSeconds,
          m.cpuSeconds, m.rssKib / 1024, m.liveMib, m.maxLiveMib,
          sameMode ? String.format("%.2f", (double) m.rssKib / previous.rssKib) : "-",
          sameMode ? String.format("%.2f", (double) m.liveMib / previous.liveMib) : "-",
          m.exit);
      previous = m;
    }
    out.println("rss: peak resident memory; live: median heap left by the full collections the"
        + " benchmark asked for every 3 s (max live: the largest); x prev: ratio to the run above"
        + " with 10x fewer ids");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
