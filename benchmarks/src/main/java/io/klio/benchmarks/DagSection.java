package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whole-DAG overhead: Klio's {@code run --dag} over {@link SmallJobs} against the same six jobs
 * written by hand as one Beam {@code DoFn} ({@link HandWrittenDag}), both on the DirectRunner, each
 * run a fresh JVM measured whole. The jobs compute almost nothing, so the difference is the
 * framework's own cost per element: messages, checks, batched existence checks, the job call.
 */
final class DagSection implements Section {
  /** The DirectRunner's checks that every element is encodable and not mutated. */
  private static final List<String> NO_CHECKS =
      List.of("--enforceImmutability=false", "--enforceEncodability=false");

  @Override
  public String name() {
    return "dag";
  }

  @Override
  public String title() {
    return "whole-DAG run of 6 small jobs against the same jobs hand-written as one Beam DoFn,"
        + " DirectRunner";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int count = context.quick() ? 1_000 : 2_000;
    int pairs = context.quick() ? 1 : 3;
    Path ids = context.idFile(count);
    Path klioData = context.work().resolve("klio");
    Path handData = context.work().resolve("hand");
    List<Row> rows = new ArrayList<>();
    String what = String.format(Locale.ROOT, "6 jobs x %,d ids", count);

    Measured[] fresh =
        Measured.sideBySide(
            pairs,
            () -> klio(context, ids, klioData, true, List.of()),
            () -> handWritten(context, ids, handData, true, List.of()));
    requireSameOutputs(klioData, handData);
    rows.add(
        Row.ratio(
            what + ", computing everything: CPU",
            fresh[0].cpuSeconds(),
            fresh[1].cpuSeconds(),
            "s",
            1.10));
    rows.add(
        Row.ratio(
            what + ", computing everything: peak RSS",
            fresh[0].peakRssMib(),
            fresh[1].peakRssMib(),
            "MiB",
            1.2));
    rows.add(
        Row.ratio(
            what + ", computing everything: wall",
            fresh[0].wallSeconds(),
            fresh[1].wallSeconds(),
            "s",
            Double.NaN));

    Measured[] rerun =
        Measured.sideBySide(
            pairs,
            () -> klio(context, ids, klioData, false, List.of()),
            () -> handWritten(context, ids, handData, false, List.of()));
    rows.add(
        Row.ratio(
            what + ", every output there (a rerun): CPU",
            rerun[0].cpuSeconds(),
            rerun[1].cpuSeconds(),
            "s",
            Double.NaN));

    Measured[] unchecked =
        Measured.sideBySide(
            pairs,
            () -> klio(context, ids, klioData, true, NO_CHECKS),
            () -> handWritten(context, ids, handData, true, NO_CHECKS));
    rows.add(
        Row.ratio(
            what
                + ", computing everything, without the DirectRunner's immutability"
                + " and encodability checks: CPU",
            unchecked[0].cpuSeconds(),
            unchecked[1].cpuSeconds(),
            "s",
            Double.NaN));
    if (!context.quick()) {
      // Ten times the ids: the difference is what each further element costs, without start-up.
      Path more = context.idFile(count * 10);
      Measured[] large =
          Measured.sideBySide(
              pairs,
              () -> klio(context, more, klioData, true, List.of()),
              () -> handWritten(context, more, handData, true, List.of()));
      int added = count * 9;
      rows.add(
          Row.ratio(
              String.format(
                  Locale.ROOT,
                  "6 jobs: CPU per further id, from %,d to %,d ids" + " (start-up excluded)",
                  count,
                  count * 10),
              (large[0].cpuSeconds() - fresh[0].cpuSeconds()) / added * 1e6,
              (large[1].cpuSeconds() - fresh[1].cpuSeconds()) / added * 1e6,
              "us",
              1.10));
      rows.add(
          Row.ratio(
              String.format(Locale.ROOT, "6 jobs x %,d ids, computing everything: CPU", count * 10),
              large[0].cpuSeconds(),
              large[1].cpuSeconds(),
              "s",
              Double.NaN));
      rows.add(
          Row.ratio(
              String.format(
                  Locale.ROOT, "6 jobs x %,d ids, computing everything: peak RSS", count * 10),
              large[0].peakRssMib(),
              large[1].peakRssMib(),
              "MiB",
              1.2));
    }
    return rows;
  }

  private static Measured klio(
      Context context, Path ids, Path data, boolean fresh, List<String> flags) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Context.java(),
                "-cp",
                Context.classPath(),
                "io.klio.runtime.Klio",
                "run",
                "--dag",
                "--ids",
                ids.toString(),
                "--var",
                "data=" + data));
    command.addAll(flags);
    return run(context, "klio", command, data, fresh);
  }

  private static Measured handWritten(
      Context context, Path ids, Path data, boolean fresh, List<String> flags) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Context.java(),
                "-cp",
                Context.classPath(),
                HandWrittenDag.class.getName(),
                ids.toString(),
                data.toString()));
    command.addAll(flags);
    return run(context, "hand-written", command, data, fresh);
  }

  private static Measured run(
      Context context, String what, List<String> command, Path data, boolean fresh)
      throws Exception {
    if (fresh) {
      Folders.delete(data);
    }
    Files.createDirectories(data);
    Path log = context.work().resolve(what + ".log");
    Measured measured =
        Measured.run(
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
    if (measured.exit() != 0) {
      throw new IllegalStateException(
          what + " run failed (exit " + measured.exit() + "):\n" + Files.readString(log));
    }
    return measured;
  }

  /**
   * The two runs must have done the same work: the same files with the same bytes (besides Klio's
   * provenance records, which the reference does not keep).
   */
  static void requireSameOutputs(Path klio, Path reference) throws IOException {
    List<Path> ours = files(klio);
    List<Path> theirs = files(reference);
    if (!ours.equals(theirs)) {
      throw new IllegalStateException(
          "Klio wrote "
              + ours.size()
              + " files, the reference "
              + theirs.size()
              + ": the runs did not do the same work");
    }
    for (Path file : ours) {
      if (!Arrays.equals(
          Files.readAllBytes(klio.resolve(file)), Files.readAllBytes(reference.resolve(file)))) {
        throw new IllegalStateException("Klio's and the reference's " + file + " differ");
      }
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(
              file -> !file.toString().startsWith(".klio/") && !file.toString().contains("/.klio/"))
          .sorted()
          .toList();
    }
  }
}
