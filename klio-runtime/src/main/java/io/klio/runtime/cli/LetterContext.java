package io.klio.runtime.cli;

import io.klio.runtime.cli.RunCommand.UsageException;
import io.klio.runtime.config.JobConfig;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.deadletter.LetterFiles;
import io.klio.runtime.job.JobRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code deadletters} commands work on: the jobs on the classpath, the config, and the
 * dead-letter folders they name. Beam's file systems get the config's and the command line's Beam
 * options, so that {@code s3://} and {@code gs://} locations are read as a run writes them.
 */
final class LetterContext {
  final JobGraph graph;
  final KlioConfig config;
  final List<String> pipelineArgs;

  /** A job's dead-letter folder; the job is empty for letters of no job ({@code _run}). */
  record Folder(String job, String location, String path) {}

  private LetterContext(JobGraph graph, KlioConfig config, List<String> pipelineArgs) {
    this.graph = graph;
    this.config = config;
    this.pipelineArgs = pipelineArgs;
  }

  /**
   * @param beamArgs the command line's Beam flags; one that Beam does not know is a usage error
   *     naming the closest flags of {@code command} and of Beam
   */
  static LetterContext load(
      ConfigOptions configOptions, List<String> beamArgs, CommandSpec command) {
    BeamOptions.checkFlags(beamArgs, command);
    JobGraph graph =
        new JobGraph(JobRegistry.load(Thread.currentThread().getContextClassLoader()).specs());
    KlioConfig config = configOptions.load();
    config.validateJobs(graph.names());
    List<String> pipelineArgs = config.pipelineArgs(beamArgs);
    FileSystems.setDefaultPipelineOptions(
        RunCommand.pipelineOptions(config, pipelineArgs, command));
    return new LetterContext(graph, config, pipelineArgs);
  }

  /**
   * The folders of {@code jobs} (all jobs, and the run's folder, if none are given), each in its
   * job's location: {@code location} if given, else the job's {@code deadLetters} in klio.yaml,
   * else the config's. A usage error if there are none.
   */
  List<Folder> folders(List<String> jobs, String location) {
    RunSelection.checkKnown(graph, jobs);
    List<String> names = new ArrayList<>(jobs.isEmpty() ? graph.topologicalOrder() : jobs);
    if (jobs.isEmpty()) {
      names.add("");
    }
    List<Folder> folders = new ArrayList<>();
    for (String job : names) {
      locationOf(job, location)
          .ifPresent(where -> folders.add(new Folder(job, where, LetterFiles.folder(where, job))));
    }
    if (folders.isEmpty()) {
      throw new UsageException(
          "no dead-letter location: set deadLetters in "
              + (config.source().equals("(no config)") ? "klio.yaml (--config)" : config.source())
              + " or give --location");
    }
    return folders;
  }

  /** Where {@code job}'s letters go; the run's location for the run's own letters. */
  Optional<String> locationOf(String job, String location) {
    if (location != null) {
      return Optional.of(location);
    }
    Optional<String> own =
        Optional.ofNullable(config.jobs().get(job)).flatMap(JobConfig::deadLetters);
    return own.or(config::deadLetters);
  }

  /** The job's Pub/Sub subscription in klio.yaml: if it has one, it runs in per-job mode. */
  boolean perJob(String job) {
    return Optional.ofNullable(config.jobs().get(job))
        .map(JobConfig::events)
        .flatMap(JobConfig.Events::inputSubscription)
        .isPresent();
  }
}
