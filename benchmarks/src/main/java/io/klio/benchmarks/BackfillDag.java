package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The DAG of the {@code backfill} section: a tree of depth 5 with fan-out 3, 121 jobs. Job {@code
 * bL-I} is the I-th job of level L; its parent is {@code b(L-1)-(I/3)}; the 81 jobs of level 4 are
 * the leaves. Each job appends its name to its parent's output.
 *
 * <p>Its source is written and compiled (with the Klio processor) when the section runs, into a
 * folder of its own, so that it is not part of the benchmark jar's own DAG.
 */
final class BackfillDag {
  static final int DEPTH = 5;
  static final int FAN_OUT = 3;

  private BackfillDag() {}

  static String name(int level, int index) {
    return "b" + level + "-" + index;
  }

  /** The parent of job (level, index), for level > 0. */
  static int parentIndex(int index) {
    return index / FAN_OUT;
  }

  static int width(int level) {
    return (int) Math.pow(FAN_OUT, level);
  }

  static List<String> leaves() {
    List<String> leaves = new ArrayList<>();
    for (int i = 0; i < width(DEPTH - 1); i++) {
      leaves.add(name(DEPTH - 1, i));
    }
    return leaves;
  }

  /** Every job, level by level. */
  static List<String> jobs() {
    List<String> jobs = new ArrayList<>();
    for (int level = 0; level < DEPTH; level++) {
      for (int i = 0; i < width(level); i++) {
        jobs.add(name(level, i));
      }
    }
    return jobs;
  }

  /** Optional.empty() for the root. */
  static Optional<String> parent(String job) {
    int dash = job.indexOf('-');
    int level = Integer.parseInt(job.substring(1, dash));
    int index = Integer.parseInt(job.substring(dash + 1));
    return level == 0 ? Optional.empty() : Optional.of(name(level - 1, parentIndex(index)));
  }

  static String source() {
    StringBuilder java =
        new StringBuilder(
            """
        package bench.backfill;

        import io.klio.annotations.ElementId;
        import io.klio.annotations.Input;
        import io.klio.annotations.KlioJob;
        import io.klio.annotations.Output;

        public final class BackfillJobs {
          @KlioJob(name = "b0-0")
          @Output(location = "${data}/b0-0/{id}.txt")
          public static String root(@ElementId String id) {
            return id;
          }
        """);
    for (String job : jobs()) {
      parent(job)
          .ifPresent(
              parent ->
                  java.append(
                      String.format(
                          """

            @KlioJob(name = "%1$s", parents = "%2$s")
            @Output(location = "${data}/%1$s/{id}.txt")
            public static String %3$s(@Input String parent) {
              return parent + " %1$s";
            }
          """,
                          job, parent, job.replace('-', '_'))));
    }
    return java.append("}\n").toString();
  }

  /** Compiles the DAG into {@code folder}; returns the class path to run it with. */
  static String compile(Path folder) throws IOException {
    Path source = folder.resolve("src/bench/backfill/BackfillJobs.java");
    Path classes = Files.createDirectories(folder.resolve("classes"));
    Files.createDirectories(source.getParent());
    Files.writeString(source, source());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("the backfill benchmark compiles its DAG: run it on a JDK");
    }
    int status =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            Context.classPath(),
            "-processorpath",
            Context.classPath(),
            source.toString());
    if (status != 0) {
      throw new IllegalStateException("the backfill DAG did not compile");
    }
    return classes + java.io.File.pathSeparator + Context.classPath();
  }
}
