package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * A whole process measured from start to exit: wall time, CPU time (user and system, of the process
 * and every child it waited for) and peak resident memory.
 *
 * <p>The CPU time comes from the shell's {@code times}, which reports what the kernel accounted to
 * the finished children, so nothing is lost between the last sample and the exit. The peak memory
 * is the largest {@code VmHWM} seen while sampling every 20 ms.
 */
public record Measured(double wallSeconds, double cpuSeconds, long peakRssKib, int exit) {
  private static final long MEANWHILE_EVERY_NANOS = 3_000_000_000L;

  /** Runs {@code builder}'s command to its end and measures it. */
  public static Measured run(ProcessBuilder builder) throws IOException, InterruptedException {
    return run(builder, pid -> {});
  }

  /**
   * Runs {@code builder}'s command to its end and measures it, calling {@code meanwhile} with the
   * command's process id about every 3 seconds while it runs.
   */
  public static Measured run(ProcessBuilder builder, LongConsumer meanwhile)
      throws IOException, InterruptedException {
    Path times = Files.createTempFile("klio-bench-times-", ".txt");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "bash",
                  "-c",
                  "out=$1; shift; \"$@\"; status=$?; times > \"$out\"; exit $status",
                  "bash",
                  times.toString()));
      command.addAll(builder.command());
      builder.command(command);
      long started = System.nanoTime();
      Process process = builder.start();
      long peak = 0;
      long nextCall = started + MEANWHILE_EVERY_NANOS;
      while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
        List<ProcessHandle> running = process.children().toList();
        peak =
            Math.max(peak, running.stream().mapToLong(p -> highWaterMark(p.pid())).max().orElse(0));
        if (System.nanoTime() >= nextCall && !running.isEmpty()) {
          meanwhile.accept(running.get(0).pid());
          nextCall = System.nanoTime() + MEANWHILE_EVERY_NANOS;
        }
      }
      double wall = (System.nanoTime() - started) / 1e9;
      return new Measured(wall, childCpu(Files.readAllLines(times)), peak, process.exitValue());
    } finally {
      Files.deleteIfExists(times);
    }
  }

  /** Throws if the process failed, naming what ran. */
  public Measured requireSuccess(String what) {
    if (exit != 0) {
      throw new IllegalStateException(what + " exited with status " + exit);
    }
    return this;
  }

  /**
   * Runs {@code klio} and {@code reference} in {@code pairs} alternating pairs (the order switching
   * every pair, so that neither always runs on a warmer machine) and returns the medians of each:
   * index 0 Klio's, index 1 the reference's.
   */
  public static Measured[] sideBySide(
      int pairs, Callable<Measured> klio, Callable<Measured> reference) throws Exception {
    List<Measured> ours = new ArrayList<>();
    List<Measured> theirs = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      if (i % 2 == 0) {
        ours.add(klio.call());
        theirs.add(reference.call());
      } else {
        theirs.add(reference.call());
        ours.add(klio.call());
      }
    }
    return new Measured[] {median(ours), median(theirs)};
  }

  /** The median of each figure separately. */
  public static Measured median(List<Measured> runs) {
    return new Measured(
        median(runs, Measured::wallSeconds),
        median(runs, Measured::cpuSeconds),
        (long) median(runs, m -> m.peakRssKib),
        runs.stream().mapToInt(Measured::exit).max().orElse(0));
  }

  public static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
    double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  public double peakRssMib() {
    return peakRssKib / 1024.0;
  }

  /** The second line of bash's {@code times}: the children's user and system time. */
  private static double childCpu(List<String> times) {
    if (times.size() < 2) {
      throw new IllegalStateException("no CPU times from the shell: " + times);
    }
    return List.of(times.get(1).trim().split("\\s+")).stream().mapToDouble(Measured::seconds).sum();
  }

  /** {@code 1m2.345s} in seconds. */
  private static double seconds(String time) {
    int m = time.indexOf('m');
    return Double.parseDouble(time.substring(0, m)) * 60
        + Double.parseDouble(time.substring(m + 1, time.length() - 1));
  }

  private static long highWaterMark(long pid) {
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
