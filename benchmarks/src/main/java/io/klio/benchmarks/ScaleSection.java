package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a whole-DAG run's speed and memory behave as its number of element ids grows. Each run is a
 * separate JVM ({@code Klio run --dag --ids FILE}) over {@link SmallJobs} with the same heap limit,
 * measured whole: elements per second, peak resident memory, and the largest heap left after a full
 * garbage collection (what the run really holds; the benchmark asks for one every 3 s).
 *
 * <p>Two kinds of run: {@code compute} computes and writes every output (6 small files per id);
 * {@code ping} takes every id through every job and looks every output up but writes only each id's
 * path (a line per id, under the benchmark's work folder), so that a million ids fit on a
 * developer's disk.
 */
final class ScaleSection implements Section {
  private static final String HEAP = "-Xmx128m";
  private static final Pattern AFTER_FULL_GC = Pattern.compile("Pause Full.*->(\\d+)M\\(");

  /** "Flat": a hundred times the ids may hold at most this much more heap. */
  private static final double FLAT = 1.5;

  private record Run(String mode, int ids, Measured measured, long maxLiveMib) {
    double perSecond() {
      return ids / measured.wallSeconds();
    }
  }

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public String title() {
    return "whole-DAG runs of 6 small jobs over growing id files, DirectRunner, " + HEAP;
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int[] computeSizes = context.quick() ? new int[] {1_000, 10_000} : new int[] {10_000, 100_000};
    int[] pingSizes =
        context.quick() ? new int[] {10_000, 100_000} : new int[] {10_000, 100_000, 1_000_000};
    List<Row> rows = new ArrayList<>();
    rows.addAll(series(context, "compute", computeSizes));
    rows.addAll(series(context, "ping", pingSizes));
    return rows;
  }

  private List<Row> series(Context context, String mode, int[] sizes) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    for (int ids : sizes) {
      Run run = run(context, mode, ids);
      runs.add(run);
      rows.add(
          Row.figure(
              String.format(
                  Locale.ROOT, "%s, %,d ids: elements/s; peak RSS, max live heap", mode, ids),
              String.format(
                  Locale.ROOT,
                  "%,.0f/s; %.0f MiB, %d MiB",
                  run.perSecond(),
                  run.measured().peakRssMib(),
                  run.maxLiveMib()),
              "",
              Row.Verdict.NONE));
    }
    Run first = runs.get(0);
    Run last = runs.get(runs.size() - 1);
    int growth = last.ids() / first.ids();
    double atMost = growth >= 100 ? FLAT : Double.NaN;
    rows.add(
        Row.ratio(
            String.format(
                Locale.ROOT, "%s: max live heap at %,d / %,d ids", mode, last.ids(), first.ids()),
            last.maxLiveMib(),
            first.maxLiveMib(),
            "MiB",
            atMost));
    rows.add(
        Row.ratio(
            String.format(
                Locale.ROOT, "%s: peak RSS at %,d / %,d ids", mode, last.ids(), first.ids()),
            last.measured().peakRssMib(),
            first.measured().peakRssMib(),
            "MiB",
            Double.NaN));
    return rows;
  }

  private static Run run(Context context, String mode, int count) throws Exception {
    Path ids = context.idFile(count);
    Path data = context.folder("data-" + mode + "-" + count);
    Path gcLog = context.work().resolve("gc-" + mode + "-" + count + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Context.java(),
                HEAP,
                "-Xlog:gc:file=" + gcLog,
                "-Djava.io.tmpdir=" + context.work(),
                "-cp",
                Context.classPath(),
                "io.klio.runtime.Klio",
                "run",
                "--dag",
                "--ids",
                ids.toString(),
                "--var",
                "data=" + data));
    if (mode.equals("ping")) {
      command.add("--ping");
    }
    System.err.printf("running %s over %,d ids ...%n", mode, count);
    Measured measured =
        Measured.run(
                new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    // dead letters and warnings would be logged per id: millions of lines at this
                    // scale
                    .redirectError(
                        mode.equals("ping")
                            ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.to(
                                context
                                    .work()
                                    .resolve("run-" + mode + "-" + count + ".log")
                                    .toFile())),
                ScaleSection::collectFully)
            .requireSuccess(mode + " over " + count + " ids");
    long maxLive = liveHeap(gcLog).stream().mapToLong(Long::longValue).max().orElse(0);
    return new Run(mode, count, measured, maxLive);
  }

  /** Asks the JVM {@code pid} for a full collection (it may just have ended). */
  private static void collectFully(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("the benchmark needs the JDK's jcmd: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
}
