package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the Klio processor adds to a build: {@code javac} over the same {@link JobSourceGenerator}
 * sources with the processor (its checks, and compiling everything it generates) and with {@code
 * -proc:none}, each a separate {@code javac} process measured whole, in alternating pairs. The user
 * sources refer only to the annotations, so they compile without the generated code.
 *
 * <p>Both runs get this benchmark's jar as their class path (annotations, runtime, Beam); the
 * processor run also gets it as its processor path, where javac finds the processor through {@code
 * META-INF/services}.
 */
final class CompileSection implements Section {
  private static final double AT_1000 = 1.5;

  /** Linear: five times the jobs may cost at most this much more. */
  private static final double LINEAR = 5.5;

  @Override
  public String name() {
    return "compile";
  }

  @Override
  public String title() {
    return "javac with the Klio processor vs -proc:none over the same generated jobs ("
        + JobSourceGenerator.JOBS_PER_CLASS
        + " to a class)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int[] sizes = context.quick() ? new int[] {100, 1_000} : new int[] {100, 1_000, 5_000};
    int pairs = context.quick() ? 1 : 3;
    List<Row> rows = new ArrayList<>();
    double cpuAt1000 = Double.NaN;
    double cpuAt5000 = Double.NaN;
    for (int jobs : sizes) {
      Path sources = context.folder("sources-" + jobs);
      List<Path> files = JobSourceGenerator.write(sources, jobs);
      Path argFile = context.work().resolve("sources-" + jobs + ".txt");
      Files.write(argFile, files.stream().map(Path::toString).toList());
      int[] runs = {0, 0};
      System.err.printf(
          Locale.ROOT,
          "compiling %,d jobs in %d classes, %d pairs ...%n",
          jobs,
          files.size(),
          pairs);
      Measured[] measured =
          Measured.sideBySide(
              pairs,
              () -> javac(context, "klio-" + jobs + "-" + runs[0]++, argFile, true),
              () -> javac(context, "none-" + jobs + "-" + runs[1]++, argFile, false));
      Measured klio = measured[0];
      Measured none = measured[1];
      Path generated = context.work().resolve("klio-" + jobs + "-0");
      rows.add(
          Row.ratio(
              String.format(Locale.ROOT, "%,d jobs: javac CPU, processor / -proc:none", jobs),
              klio.cpuSeconds(),
              none.cpuSeconds(),
              "s",
              jobs == 1_000 ? AT_1000 : Double.NaN));
      rows.add(
          Row.ratio(
              String.format(Locale.ROOT, "%,d jobs: javac wall time", jobs),
              klio.wallSeconds(),
              none.wallSeconds(),
              "s",
              Double.NaN));
      rows.add(
          Row.ratio(
              String.format(Locale.ROOT, "%,d jobs: javac peak RSS", jobs),
              klio.peakRssMib(),
              none.peakRssMib(),
              "MiB",
              Double.NaN));
      rows.add(
          Row.figure(
              String.format(Locale.ROOT, "%,d jobs: files generated (sources; classes)", jobs),
              String.format(
                  Locale.ROOT,
                  "%,d; %,d",
                  count(generated.resolve("sources"), ".java"),
                  count(generated.resolve("classes"), ".class")
                      - count(
                          context.work().resolve("none-" + jobs + "-0").resolve("classes"),
                          ".class")),
              "",
              Row.Verdict.NONE));
      if (jobs == 1_000) {
        cpuAt1000 = klio.cpuSeconds();
      } else if (jobs == 5_000) {
        cpuAt5000 = klio.cpuSeconds();
      }
    }
    if (!Double.isNaN(cpuAt5000)) {
      rows.add(
          Row.ratio(
              "processor run CPU at 5,000 / at 1,000 jobs", cpuAt5000, cpuAt1000, "s", LINEAR));
    }
    return rows;
  }

  /** One javac process over the sources in {@code argFile}, into a fresh folder. */
  private static Measured javac(Context context, String label, Path argFile, boolean klio)
      throws IOException, InterruptedException {
    Path out = context.folder(label);
    Path classes = Files.createDirectories(out.resolve("classes"));
    Path generated = Files.createDirectories(out.resolve("sources"));
    List<String> command =
        new ArrayList<>(
            List.of(
                javac(),
                "-encoding",
                "UTF-8",
                "-nowarn",
                "-implicit:none",
                "-cp",
                Context.classPath(),
                "-d",
                classes.toString(),
                "-s",
                generated.toString()));
    if (klio) {
      command.addAll(List.of("-processorpath", Context.classPath()));
    } else {
      command.add("-proc:none");
    }
    command.addAll(extraOptions());
    command.add("@" + argFile);
    return Measured.run(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("javac.log").toFile()))
        .requireSuccess("javac " + label + " (see " + out.resolve("javac.log") + ")");
  }

  /** Options for every javac run, such as a profiler's, from {@code -Dklio.bench.javacOptions}. */
  private static List<String> extraOptions() {
    String options = System.getProperty("klio.bench.javacOptions", "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  private static String javac() {
    return Path.of(System.getProperty("java.home"), "bin", "javac").toString();
  }

  private static long count(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }
}
