package io.klio.runtime.cli;

import io.klio.runtime.cli.RunCommand.UsageException;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.RunRequest;
import io.klio.runtime.execution.RunSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code run} and {@code plan} select: jobs, ids, direction, and what counts as done. */
final class RunSelection {
  @Option(names = "--job", paramLabel = "NAME", description = "A job to run (repeatable).")
  List<String> jobs = new ArrayList<>();

  @Option(names = "--dag", description = "Run every job of the DAG, top-down.")
  boolean dag;

  @Mixin ElementIds elementIds = new ElementIds();

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      completionCandidates = ModeConverter.class,
      description =
          "bottom-up (default with --job): fill in missing ancestors, then the job; top-down: the"
              + " job, then all its descendants.")
  RunRequest.Mode mode;

  @Option(names = "--force", description = "Recompute even where outputs exist.")
  boolean force;

  @Option(
      names = "--stale",
      description =
          "Also recompute outputs whose provenance record shows other code (fingerprint or"
              + " version) or other input data than now, and what becomes stale below them.")
  boolean stale;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "" + RunRequest.DEFAULT_BATCH_SIZE,
      description =
          "Ids that go through the DAG together; each job asks its stores about a batch at once"
              + " (default ${DEFAULT-VALUE}).")
  int batchSize;

  /** The whole-DAG request these options make; a usage error if they make none. */
  RunRequest request(JobGraph graph, boolean ping) {
    if (dag && !jobs.isEmpty()) {
      throw new UsageException("give either --dag or --job NAME, not both");
    }
    if (!dag && jobs.isEmpty()) {
      throw new UsageException("say what to run: --job NAME (repeatable) or --dag");
    }
    checkKnown(graph);
    RunRequest.Mode runMode =
        mode != null ? mode : dag ? RunRequest.Mode.TOP_DOWN : RunRequest.Mode.BOTTOM_UP;
    if (elementIds.isEmpty()) {
      throw new UsageException("no element ids: give --id ID (repeatable) or --ids FILE");
    }
    if (batchSize < 1) {
      throw new UsageException("--batch-size " + batchSize + ": use 1 or more");
    }
    return new RunRequest(
        new TreeSet<>(jobs),
        dag,
        runMode,
        force,
        ping,
        elementIds.given(),
        elementIds.filePattern(),
        batchSize);
  }

  void checkKnown(JobGraph graph) {
    checkKnown(graph, jobs);
  }

  /** A usage error naming the first of {@code names} that no job on the classpath has. */
  static void checkKnown(JobGraph graph, List<String> names) {
    for (String job : names) {
      if (!graph.contains(job)) {
        throw new UsageException(JobGraph.unknownJob(job, graph.names()));
      }
    }
  }

  /** How the run (or, with {@code planOnly}, the plan) treats provenance. */
  RunSettings.Provenance provenance(KlioConfig config, PipelineOptions options, boolean planOnly) {
    return new RunSettings.Provenance(
        stale, config.unrecordedAreStale(), planOnly, options.getRunner().getSimpleName());
  }
}
