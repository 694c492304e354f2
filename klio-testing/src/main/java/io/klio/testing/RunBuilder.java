package io.klio.testing;

import io.klio.runtime.Klio;
import io.klio.runtime.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * One run of {@link TestDag}'s jobs: which ids, and the options of {@code klio run}. {@link #run}
 * runs it through the command itself, in this JVM on the DirectRunner.
 */
public final class RunBuilder {
  private final TestDag dag;
  private final List<String> jobs;
  private final boolean wholeDag;
  private final List<String> ids = new ArrayList<>();
  private final List<String> flags = new ArrayList<>();
  private Path idsFile;

  RunBuilder(TestDag dag, List<String> jobs, boolean wholeDag) {
    this.dag = dag;
    this.jobs = jobs;
    this.wholeDag = wholeDag;
  }

  /** Runs for these ids. */
  public RunBuilder id(String... ids) {
    this.ids.addAll(List.of(ids));
    return this;
  }

  /** Runs for these ids. */
  public RunBuilder ids(Collection<String> ids) {
    this.ids.addAll(ids);
    return this;
  }

  /** Runs for the ids in {@code file}, one per line, read by the pipeline as {@code --ids} is. */
  public RunBuilder idsFrom(Path file) {
    this.idsFile = file;
    return this;
  }

  /** {@code --mode top-down}: the jobs, then all their descendants. */
  public RunBuilder topDown() {
    return flag("--mode", "top-down");
  }

  /** {@code --force}: recompute outputs that exist. */
  public RunBuilder force() {
    return flag("--force");
  }

  /** {@code --stale}: also recompute outputs whose provenance shows other code or data. */
  public RunBuilder stale() {
    return flag("--stale");
  }

  /** {@code --batch-size N}. */
  public RunBuilder batchSize(int size) {
    return flag("--batch-size", Integer.toString(size));
  }

  /** Any other option of {@code klio run}, or a Beam flag ({@code --targetParallelism=1}). */
  public RunBuilder flag(String... words) {
    flags.addAll(List.of(words));
    return this;
  }

  /**
   * Runs and waits. A run that ends with dead letters returns like any other, for its assertions;
   * one the command refuses (a usage error) or that fails throws with what the command printed.
   */
  public RunResult run() {
    Path folder;
    try {
      folder = dag.newRunFolder();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the run", e);
    }
    DeadLetterCapture capture = new DeadLetterCapture(folder.resolve("dead-letters"));
    StringWriter printed = new StringWriter();
    List<String> args = arguments();
    int exit;
    try (PrintWriter out = new PrintWriter(printed, true)) {
      exit = Klio.execute(capture, out, out, args.toArray(String[]::new));
    }
    String log = printed.toString();
    System.out.print(log);
    String command = "klio " + String.join(" ", args);
    if (exit == ExitCodes.USAGE) {
      throw new IllegalArgumentException(
          "klio run refused the run (nothing ran): " + command + "\n" + log);
    }
    if (exit != ExitCodes.OK && exit != ExitCodes.DEAD_LETTERS || capture.summary() == null) {
      throw new AssertionFailedError(
          "the run failed (exit status " + exit + "): " + command + "\n" + log);
    }
    return new RunResult(exit, capture.summary(), capture.letters(), log);
  }

  /** The command line this run is. */
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("run"));
    if (wholeDag) {
      args.add("--dag");
    }
    jobs.forEach(job -> args.addAll(List.of("--job", job)));
    ids.forEach(id -> args.addAll(List.of("--id", id)));
    if (idsFile != null) {
      args.addAll(List.of("--ids", idsFile.toString()));
    }
    dag.configFile().ifPresent(file -> args.addAll(List.of("--config", file.toString())));
    dag.givenVariables()
        .forEach((name, value) -> args.addAll(List.of("--var", name + "=" + value)));
    args.addAll(flags);
    return args;
  }
}
