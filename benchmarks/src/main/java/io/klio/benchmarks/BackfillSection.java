package io.klio.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Backfill work: the {@link BackfillDag} (depth 5, fan-out 3) over a catalogue where a random half
 * of all outputs exist. Bottom-up for the 81 leaves must compute exactly the minimum: a missing
 * output is computed only when a leaf needs it, through outputs that are all missing. The same
 * start run top-down from the root computes every missing output instead.
 */
final class BackfillSection implements Section {
  private static final long SEED = 20261130L;

  @Override
  public String name() {
    return "backfill";
  }

  @Override
  public String title() {
    return "bottom-up for the leaves of a DAG of depth "
        + BackfillDag.DEPTH
        + " and fan-out "
        + BackfillDag.FAN_OUT
        + " ("
        + BackfillDag.jobs().size()
        + " jobs), half of all outputs"
        + " present at random, DirectRunner";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int count = context.quick() ? 1_000 : 10_000;
    String classPath = BackfillDag.compile(context.folder("dag"));
    List<String> ids = Context.ids(count);
    Path idFile = context.idFile(count);
    Map<String, Set<String>> present = choosePresent(ids);
    Map<String, Set<String>> needed = minimum(ids, present);
    long minimum = needed.values().stream().mapToLong(Set::size).sum();
    long missing =
        (long) ids.size() * BackfillDag.jobs().size()
            - present.values().stream().mapToLong(Set::size).sum();

    Path bottomUpData = context.folder("bottom-up");
    write(bottomUpData, present);
    List<String> bottomUp =
        new ArrayList<>(
            List.of(
                "run",
                "--mode",
                "bottom-up",
                "--ids",
                idFile.toString(),
                "--var",
                "data=" + bottomUpData));
    BackfillDag.leaves().forEach(leaf -> bottomUp.addAll(List.of("--job", leaf)));
    Run up = klio(context, classPath, bottomUp, "bottom-up");
    Set<String> wrong = check(bottomUpData, ids, present, needed);

    Path topDownData = context.folder("top-down");
    write(topDownData, present);
    Run down =
        klio(
            context,
            classPath,
            List.of(
                "run",
                "--job",
                "b0-0",
                "--mode",
                "top-down",
                "--ids",
                idFile.toString(),
                "--var",
                "data=" + topDownData),
            "top-down");

    String what = String.format(Locale.ROOT, "%,d ids x %d jobs", count, BackfillDag.jobs().size());
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            what
                + ": computations bottom-up for the leaves (wrong: outputs computed"
                + " that were not needed or not computed that were)",
            String.format(Locale.ROOT, "%,d (wrong: %,d)", up.processed, wrong.size()),
            String.format(Locale.ROOT, "%,d (the minimum)", minimum),
            up.processed == minimum && wrong.isEmpty() ? "exact" : "NOT the minimum",
            "= the minimum",
            up.processed == minimum && wrong.isEmpty() ? Row.Verdict.MET : Row.Verdict.MISSED));
    rows.add(
        Row.figure(
            what + ": computations top-down from the root (every missing output)",
            String.format(Locale.ROOT, "%,d of %,d missing", down.processed, missing),
            "",
            Row.Verdict.NONE));
    rows.add(
        Row.figure(
            "storage requests per id: bottom-up / top-down",
            String.format(
                Locale.ROOT,
                "%.1f / %.1f",
                (double) up.storageRequests / count,
                (double) down.storageRequests / count),
            "",
            Row.Verdict.NONE));
    rows.add(
        Row.ratio(
            what + ": wall time, bottom-up for the leaves / top-down from the root",
            up.measured.wallSeconds(),
            down.measured.wallSeconds(),
            "s",
            Double.NaN));
    rows.add(
        Row.ratio(
            what + ": CPU, bottom-up for the leaves / top-down from the root",
            up.measured.cpuSeconds(),
            down.measured.cpuSeconds(),
            "s",
            Double.NaN));
    return rows;
  }

  record Run(Measured measured, long processed, long storageRequests) {}

  /** Per job, the ids whose output exists before the run: each with probability 1/2. */
  private static Map<String, Set<String>> choosePresent(List<String> ids) {
    Random random = new Random(SEED);
    Map<String, Set<String>> present = new HashMap<>();
    for (String job : BackfillDag.jobs()) {
      Set<String> there = new HashSet<>();
      for (String id : ids) {
        if (random.nextBoolean()) {
          there.add(id);
        }
      }
      present.put(job, there);
    }
    return present;
  }

  /**
   * Per job, the ids a bottom-up run for the leaves must compute: a missing leaf, and a missing
   * parent of an output that must be computed.
   */
  private static Map<String, Set<String>> minimum(
      List<String> ids, Map<String, Set<String>> present) {
    Map<String, Set<String>> needed = new HashMap<>();
    BackfillDag.jobs().forEach(job -> needed.put(job, new HashSet<>()));
    List<String> deepestFirst = new ArrayList<>(BackfillDag.jobs());
    java.util.Collections.reverse(deepestFirst);
    Set<String> leaves = new HashSet<>(BackfillDag.leaves());
    for (String job : deepestFirst) {
      for (String id : ids) {
        boolean wanted = leaves.contains(job) || childNeeds(job, id, needed);
        if (wanted && !present.get(job).contains(id)) {
          needed.get(job).add(id);
        }
      }
    }
    return needed;
  }

  private static boolean childNeeds(String job, String id, Map<String, Set<String>> needed) {
    for (Map.Entry<String, Set<String>> child : needed.entrySet()) {
      if (BackfillDag.parent(child.getKey()).filter(job::equals).isPresent()
          && child.getValue().contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Writes the outputs that exist before the run, with the content their jobs would give. */
  private static void write(Path data, Map<String, Set<String>> present) throws IOException {
    for (Map.Entry<String, Set<String>> job : present.entrySet()) {
      Path folder = Files.createDirectories(data.resolve(job.getKey()));
      for (String id : job.getValue()) {
        Files.writeString(folder.resolve(id + ".txt"), content(job.getKey(), id));
      }
    }
  }

  private static String content(String job, String id) {
    return BackfillDag.parent(job).map(parent -> content(parent, id) + " " + job).orElse(id);
  }

  /** The (job/id) pairs whose output's presence after the run is not what the minimum says. */
  private static Set<String> check(
      Path data,
      List<String> ids,
      Map<String, Set<String>> present,
      Map<String, Set<String>> needed) {
    Set<String> wrong = new HashSet<>();
    for (String job : BackfillDag.jobs()) {
      for (String id : ids) {
        boolean expected = present.get(job).contains(id) || needed.get(job).contains(id);
        if (Files.exists(data.resolve(job).resolve(id + ".txt")) != expected) {
          wrong.add(job + "/" + id);
        }
      }
    }
    return wrong;
  }

  private static Run klio(Context context, String classPath, List<String> arguments, String what)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of(Context.java(), "-cp", classPath, "io.klio.runtime.Klio"));
    command.addAll(arguments);
    Path log = context.work().resolve(what + ".log");
    System.err.printf("running %s ...%n", what);
    Measured measured =
        Measured.run(
            new ProcessBuilder(command)
                .redirectOutput(log.toFile())
                .redirectError(context.work().resolve(what + ".err").toFile()));
    if (measured.exit() != 0) {
      throw new IllegalStateException(
          what
              + " run failed (exit "
              + measured.exit()
              + "): see "
              + Files.readString(context.work().resolve(what + ".err")));
    }
    return summary(measured, Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  /** Sums the columns processed and storage-requests of the run's summary table. */
  static Run summary(Measured measured, List<String> lines) {
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("job ")) {
        header = i;
      }
    }
    if (header < 0) {
      throw new IllegalStateException("no summary table in the run's output");
    }
    List<String> columns = List.of(lines.get(header).trim().split("\\s+"));
    int processed = columns.indexOf("processed");
    int requests = columns.indexOf("storage-requests");
    long processedSum = 0;
    long requestsSum = 0;
    for (String line : lines.subList(header + 1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length != columns.size()) {
        break;
      }
      processedSum += Long.parseLong(cells[processed]);
      requestsSum += Long.parseLong(cells[requests]);
    }
    return new Run(measured, processedSum, requestsSum);
  }
}
