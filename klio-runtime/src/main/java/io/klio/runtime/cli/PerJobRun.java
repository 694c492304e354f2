package io.klio.runtime.cli;

import io.klio.runtime.config.JobConfig;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.DeadLetterSink;
import io.klio.runtime.execution.JobSettings;
import io.klio.runtime.execution.JobTopics;
import io.klio.runtime.execution.PerJobPipeline;
import io.klio.runtime.execution.RequestRoute;
import io.klio.runtime.execution.RequestRoutePlanner;
import io.klio.runtime.execution.RequestRoutes;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.execution.RunSummary;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.pubsub.PubsubNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code run --job X --config klio.yaml} where X has {@code events.inputSubscription}: X as its own
 * streaming pipeline ({@link PerJobPipeline}).
 *
 * <p>Attached (the default on the DirectRunner, which runs the pipeline inside this JVM), the
 * command runs until the pipeline ends, the thread running it is interrupted (tests) or the JVM is
 * asked to stop (Ctrl-C, SIGTERM); stopping cancels the pipeline and prints its counters. Detached
 * (the default on every other runner), it returns once the runner reports the pipeline RUNNING, or
 * fails with the runner's reason: a deploy from CI/CD sees whether the job started.
 */
final class PerJobRun {
  /** The variable check of {@link RunCommand}, passed in so that both modes share it. */
  interface VariableCheck {
    void check(JobGraph graph, List<String> jobs);
  }

  /**
   * How the command follows the pipeline.
   *
   * @param reportEverySeconds attached: print the counters this often (0: only at the end)
   * @param detach return once the pipeline runs; null: detach unless on the DirectRunner
   * @param startTimeoutSeconds detached: fail if the pipeline is not running after this long
   */
  record Follow(int reportEverySeconds, Boolean detach, int startTimeoutSeconds) {}

  private final String job;
  private final JobGraph graph;
  private final JobRegistry registry;
  private final KlioConfig config;
  private final List<String> beamArgs;
  private final Follow follow;
  private final PrintWriter out;
  private final PrintWriter err;

  PerJobRun(
      String job,
      JobGraph graph,
      JobRegistry registry,
      KlioConfig config,
      List<String> beamArgs,
      Follow follow,
      PrintWriter out,
      PrintWriter err) {
    this.job = job;
    this.graph = graph;
    this.registry = registry;
    this.config = config;
    this.beamArgs = beamArgs;
    this.follow = follow;
    this.out = out;
    this.err = err;
  }

  int run(Function<List<String>, PipelineOptions> optionsFactory, VariableCheck variableCheck) {
    if (follow.reportEverySeconds() < 0) {
      throw new RunCommand.UsageException(
          "--report-every " + follow.reportEverySeconds() + ": use 0 or more");
    }
    if (follow.startTimeoutSeconds() <= 0) {
      throw new RunCommand.UsageException(
          "--start-timeout " + follow.startTimeoutSeconds() + ": use 1 or more seconds");
    }
    Map<String, JobConfig> jobs = config.jobs();
    JobConfig.Events events = jobs.get(job).events();
    String path = "jobs." + job + ".events.";
    String subscription =
        PubsubNames.subscription(
            path + "inputSubscription", events.inputSubscription().orElseThrow());
    Optional<String> outputTopic =
        events.outputTopic().map(t -> PubsubNames.topic(path + "outputTopic", t));
    RequestRoutes routes = requestRoutes(jobs, events);
    if (outputTopic.isEmpty() && !graph.children(job).isEmpty()) {
      err.println(
          "klio: warning: job '"
              + job
              + "' has children but no events.outputTopic;"
              + " the messages it passes on are only counted");
    }

    List<String> pipelineArgs = config.pipelineArgs(beamArgs);
    PipelineOptions options = optionsFactory.apply(pipelineArgs);
    Submission submission = Submission.of(false, pipelineArgs, options);
    options.as(StreamingOptions.class).setStreaming(true);
    options.as(DirectOptions.class).setBlockOnRun(false); // we wait ourselves, interruptibly
    variableCheck.check(graph, List.of(job));
    Map<String, JobSettings> settingsByJob = new TreeMap<>();
    jobs.forEach((name, c) -> settingsByJob.put(name, c.toSettings()));
    RunSettings settings =
        new RunSettings(config.variables(), settingsByJob, false, RunCommand.project(pipelineArgs))
            .withRequestRoutes(routes);

    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<DeadLetter> deadLetters =
        PerJobPipeline.build(
            pipeline,
            registry,
            job,
            new PerJobPipeline.Events(subscription, outputTopic),
            settings);
    deadLetters.apply(
        "Report dead letters", ParDo.of(new DeadLetterSink(config.deadLetters(), settings)));

    String runner = options.getRunner().getSimpleName();
    boolean detach = follow.detach() != null ? follow.detach() : !runner.equals("DirectRunner");
    out.printf(
        "klio: running %s in per-job streaming mode on %s: reading %s, passing to %s%s%s%n",
        job,
        runner,
        subscription,
        outputTopic.orElse("(no output topic)"),
        routes.all().stream()
            .filter(RequestRoute::exists)
            .map(PerJobRun::describe)
            .collect(Collectors.joining()),
        detach || !submission.waits() ? "" : "; stop with Ctrl-C");
    out.flush();
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (RuntimeException e) {
      // a runner that rejects the job at submission: a failed start, not a bad command line
      err.println(
          "klio: "
              + runner
              + " did not start the pipeline of "
              + job
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
      err.flush();
      return ExitCodes.FAILED;
    }
    if (!submission.waits()) {
      return submission.report(out); // the runner only wrote the job (--templateLocation)
    }
    return detach ? awaitRunning(result, runner) : waitForEnd(result);
  }

  /** Where the job's requests for each producer's output go, warning about those with no route. */
  private RequestRoutes requestRoutes(Map<String, JobConfig> jobs, JobConfig.Events events) {
    Map<String, JobTopics> topics = new TreeMap<>();
    jobs.forEach((name, c) -> topics.put(name, c.events().topics()));
    RequestRoutes routes =
        new RequestRoutePlanner(graph, topics).plan(job, events.requestTimeoutOrDefault());
    for (RequestRoute route : routes.all()) {
      if (route.exists()) {
        PubsubNames.topic("jobs." + route.ancestor() + ".events.inputTopic", route.topic());
      } else {
        err.println(
            "klio: warning: '"
                + job
                + "' cannot ask '"
                + route.ancestor()
                + "' for its"
                + " output, so messages that miss it become dead letters: "
                + route.problem());
      }
    }
    return routes;
  }

  private static String describe(RequestRoute route) {
    return ", asking "
        + route.ancestor()
        + " at "
        + route.topic()
        + (route.path().size() > 2 ? " (answers come along " + route.describePath() + ")" : "");
  }

  /** Detached: returns once the pipeline runs (status 0), or fails with the runner's reason. */
  private int awaitRunning(PipelineResult result, String runner) {
    StartupWatch.Outcome outcome =
        StartupWatch.await(result, Duration.ofSeconds(follow.startTimeoutSeconds()));
    String id = StartupWatch.jobId(result).map(j -> "job id " + j + ", ").orElse("");
    if (!outcome.running()) {
      err.println(
          "klio: the pipeline of "
              + job
              + " on "
              + runner
              + " is not running ("
              + id
              + "state "
              + outcome.state()
              + "): "
              + outcome.reason());
      err.flush();
      return ExitCodes.FAILED;
    }
    out.println(
        "klio: "
            + job
            + " is running on "
            + runner
            + " ("
            + id
            + "state "
            + outcome.state()
            + "); this command returns, the pipeline goes on: stop it with the"
            + " runner's own tools");
    if (runner.equals("DirectRunner")) {
      err.println(
          "klio: warning: the DirectRunner runs the pipeline inside this JVM: it stops"
              + " when the JVM exits (run without --detach to keep it in the foreground)");
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  private int waitForEnd(PipelineResult result) {
    AtomicBoolean stopped = new AtomicBoolean();
    Thread hook =
        new Thread(() -> stop(result, stopped, "stopping (JVM shutdown)"), "klio-stop-" + job);
    Runtime.getRuntime().addShutdownHook(hook);
    int reportEverySeconds = follow.reportEverySeconds();
    long nextReport = System.nanoTime() + reportEverySeconds * 1_000_000_000L;
    try {
      while (true) {
        PipelineResult.State state;
        try {
          state = result.waitUntilFinish(org.joda.time.Duration.millis(500));
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
