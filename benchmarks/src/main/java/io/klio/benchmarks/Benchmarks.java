package io.klio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark section and prints one table: for each measure Klio's figure, the reference
 * measured beside it in the same run, their ratio and the target.
 *
 * <pre>
 * java -jar benchmarks/target/klio-benchmarks-0.1.0-SNAPSHOT-all.jar [--quick] [--only dag,audio,...]
 * </pre>
 */
public final class Benchmarks {
  private static final List<Section> SECTIONS =
      List.of(
          new DagSection(),
          new ChecksSection(),
          new CompileSection(),
          new BackfillSection(),
          new StartupSection(),
          new AudioSection(),
          new ScaleSection());

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> {
          if (i + 1 == args.length) {
            usage("--only needs a list of sections");
          }
          only = Set.of(args[++i].split(","));
        }
        case "-h", "--help" -> {
          usage(null);
        }
        default -> usage("unknown argument " + args[i]);
      }
    }
    Set<String> known = SECTIONS.stream().map(Section::name).collect(Collectors.toSet());
    if (only != null && !known.containsAll(only)) {
      usage(
          "unknown section in --only "
              + String.join(",", only)
              + "; the sections are "
              + SECTIONS.stream().map(Section::name).collect(Collectors.joining(",")));
    }

    long started = System.nanoTime();
    Map<Section, List<Row>> results = new LinkedHashMap<>();
    Path work = Files.createTempDirectory("klio-benchmarks-");
    try {
      for (Section section : SECTIONS) {
        if (only != null && !only.contains(section.name())) {
          continue;
        }
        System.err.printf("== %s: %s%n", section.name(), section.title());
        long sectionStarted = System.nanoTime();
        Path folder = Files.createDirectories(work.resolve(section.name()));
        List<Row> rows = section.run(new Context(quick, folder));
        Folders.delete(
            folder); // the backfill leaves over a million files: do not keep them to the end
        results.put(section, rows);
        System.err.printf(
            "== %s took %.0f s%n", section.name(), (System.nanoTime() - sectionStarted) / 1e9);
        System.err.print(Table.markdown(rows));
      }
    } finally {
      Folders.delete(work);
    }
    System.out.printf(
        "%n# Klio benchmarks (%s mode, %d cores, %s)%n%n",
        quick ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    for (Map.Entry<Section, List<Row>> result : results.entrySet()) {
      System.out.printf(
          "## %s: %s%n%n%s%n",
          result.getKey().name(), result.getKey().title(), Table.markdown(result.getValue()));
    }
    List<Row> missed = new ArrayList<>();
    results
        .values()
        .forEach(
            rows ->
                rows.stream().filter(r -> r.verdict() == Row.Verdict.MISSED).forEach(missed::add));
    long targets =
        results.values().stream()
            .flatMap(List::stream)
            .filter(r -> r.verdict() != Row.Verdict.NONE)
            .count();
    System.out.printf(
        "%d of %d targets met; the run took %.0f s%n",
        targets - missed.size(), targets, (System.nanoTime() - started) / 1e9);
  }

  private static void usage(String error) {
    String text =
        "usage: java -jar klio-benchmarks-all.jar [--quick] [--only SECTION,...]\n"
            + "sections: "
            + SECTIONS.stream()
                .map(s -> s.name() + " (" + s.title() + ")")
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    if (error != null) {
      System.err.println(error);
      System.err.println(text);
      System.exit(2);
    }
    System.out.println(text);
    System.exit(0);
  }
}
