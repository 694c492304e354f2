package io.klio.runtime.cli;

import io.klio.runtime.config.JobConfig;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.DeadLetterSink;
import io.klio.runtime.execution.JobSettings;
import io.klio.runtime.execution.PerJobPipeline;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.execution.RunSummary;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.pubsub.PubsubNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * {@code run --job X --config klio.yaml} where X has {@code events.inputSubscription}: X as its own
 * streaming pipeline ({@link PerJobPipeline}) until the pipeline ends, the thread running the
 * command is interrupted (tests) or the JVM is asked to stop (Ctrl-C, SIGTERM). Stopping cancels
 * the pipeline and prints its counters.
 */
final class PerJobRun {
  /** The variable check of {@link RunCommand}, passed in so that both modes share it. */
  interface VariableCheck {
    void check(JobGraph graph, List<String> jobs, Set<String> defined);
  }

  private final String job;
  private final JobGraph graph;
  private final JobRegistry registry;
  private final KlioConfig config;
  private final List<String> beamArgs;
  private final int reportEverySeconds;
  private final boolean detach;
  private final PrintWriter out;
  private final PrintWriter err;

  PerJobRun(
      String job,
      JobGraph graph,
      JobRegistry registry,
      KlioConfig config,
      List<String> beamArgs,
      int reportEverySeconds,
      boolean detach,
      PrintWriter out,
      PrintWriter err) {
    this.job = job;
    this.graph = graph;
    this.registry = registry;
    this.config = config;
    this.beamArgs = beamArgs;
    this.reportEverySeconds = reportEverySeconds;
    this.detach = detach;
    this.out = out;
    this.err = err;
  }

  int run(Function<List<String>, PipelineOptions> optionsFactory, VariableCheck variableCheck) {
    if (reportEverySeconds < 0) {
      throw new RunCommand.UsageException("--report-every " + reportEverySeconds + ": use 0 or more");
    }
    Map<String, JobConfig> jobs = config.jobs();
    JobConfig.Events events = jobs.get(job).events();
    String path = "jobs." + job + ".events.";
    String subscription =
        PubsubNames.subscription(path + "inputSubscription", events.inputSubscription().orElseThrow());
    Optional<String> outputTopic =
        events.outputTopic().map(t -> PubsubNames.topic(path + "outputTopic", t));

    Map<String, String> parentTopics = new TreeMap<>();
    for (String parent : producers(graph.job(job))) {
      Optional<String> topic =
          Optional.ofNullable(jobs.get(parent)).flatMap(c -> c.events().inputTopic());
      if (topic.isPresent()) {
        parentTopics.put(parent, PubsubNames.topic("jobs." + parent + ".events.inputTopic", topic.get()));
      } else {
        err.println("klio: warning: parent job '" + parent + "' has no events.inputTopic in "
            + "klio.yaml; bottom-up requests for its output will be dead letters");
      }
    }
    if (outputTopic.isEmpty() && !graph.children(job).isEmpty()) {
      err.println("klio: warning: job '" + job + "' has children but no events.outputTopic;"
          + " the messages it passes on are only counted");
    }

    List<String> pipelineArgs = config.pipelineArgs(beamArgs);
    PipelineOptions options = optionsFactory.apply(pipelineArgs);
    Submission submission = Submission.of(detach, pipelineArgs, options);
    options.as(StreamingOptions.class).setStreaming(true);
    options.as(DirectOptions.class).setBlockOnRun(false); // we wait ourselves, interruptibly
    variableCheck.check(graph, List.of(job), config.variables().keySet());
    Map<String, JobSettings> settingsByJob = new TreeMap<>();
    jobs.forEach((name, c) -> settingsByJob.put(name, c.toSettings()));
    RunSettings settings =
        new RunSettings(config.variables(), settingsByJob, false, RunCommand.project(pipelineArgs));

    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<DeadLetter> deadLetters =
        PerJobPipeline.build(
            pipeline, registry, job,
            new PerJobPipeline.Events(subscription, outputTopic, parentTopics), settings);
    deadLetters.apply("Report dead letters", ParDo.of(new DeadLetterSink(config.deadLetters(), settings)));

    out.printf("klio: running %s in per-job streaming mode on %s: reading %s, passing to %s%s%s%n",
        job, options.getRunner().getSimpleName(), subscription, outputTopic.orElse("(no output topic)"),
        parentTopics.isEmpty() ? "" : ", requests to " + parentTopics,
        submission.waits() ? "; stop with Ctrl-C" : "");
    out.flush();
    PipelineResult result = pipeline.run();
    return submission.waits() ? waitForEnd(result) : submission.report(out);
  }

  /** The parent jobs whose output this job reads (the ones a bottom-up request can go to). */
  private static Set<String> producers(JobSpec spec) {
    Set<String> producers = new LinkedHashSet<>(spec.parents());
    for (InputSpec input : spec.inputs()) {
      input.fromJob().ifPresent(producers::add);
    }
    return producers;
  }

  private int waitForEnd(PipelineResult result) {
    AtomicBoolean stopped = new AtomicBoolean();
    Thread hook = new Thread(() -> stop(result, stopped, "stopping (JVM shutdown)"), "klio-stop-" + job);
    Runtime.getRuntime().addShutdownHook(hook);
    long nextReport = System.nanoTime() + reportEverySeconds * 1_000_000_000L;
    try {
      while (true) {
        PipelineResult.State state;
        try {
          state = result.waitUntilFinish(Duration.millis(500));
        } catch (RuntimeException e) {
          if (Thread.currentThread().isInterrupted()) {
            stop(result, stopped, "stopping (interrupted)");
            return ExitCodes.OK;
          }
          err.println("klio: the pipeline of " + job + " failed: " + e.getMessage());
          printSummary(result);
          return ExitCodes.FAILED;
        }
        if (state != null && state.isTerminal()) {
          if (stopped.get()) {
            return ExitCodes.OK;
          }
          printSummary(result);
          err.println("klio: the pipeline of " + job + " ended in state " + state);
          return state == PipelineResult.State.DONE ? ExitCodes.OK : ExitCodes.FAILED;
        }
        if (Thread.currentThread().isInterrupted()) {
          stop(result, stopped, "stopping (interrupted)");
          return ExitCodes.OK;
        }
        if (reportEverySeconds > 0 && System.nanoTime() >= nextReport) {
          nextReport = System.nanoTime() + reportEverySeconds * 1_000_000_000L;
          synchronized (out) {
            out.println("klio: counters at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
            printSummary(result);
          }
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  private void stop(PipelineResult result, AtomicBoolean stopped, String why) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    out.println("klio: " + job + ": " + why + "; cancelling the pipeline");
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      err.println("klio: cancelling the pipeline of " + job + ": " + e.getMessage());
    }
    synchronized (out) {
      out.println("klio: final counters");
      printSummary(result);
    }
  }

  private void printSummary(PipelineResult result) {
    try {
      out.print(RunSummary.of(result, List.of(job)).table());
    } catch (RuntimeException e) {
      out.println("(counters unavailable: " + e.getMessage() + ")");
    }
    out.flush();
  }
}
