package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.DagPipeline;
import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.DeadLetterSink;
import io.klio.runtime.execution.JobSettings;
import io.klio.runtime.execution.RunRequest;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.execution.RunSummary;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.report.RunReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code run}: runs jobs for a set of ids as one Beam pipeline (whole-DAG mode) on the runner the
 * Beam flags choose, the DirectRunner by default.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs jobs. Unknown --flags are passed to Beam (--runner=..., --project=...).",
      "",
      "With ids (--id, --ids): whole-DAG mode, one batch pipeline for the jobs the ids need.",
      "",
      "Without ids, for one --job whose klio.yaml section has events.inputSubscription:"
          + " per-job streaming mode (docs/per-job-mode.md). The job reads Klio messages from"
          + " its subscription, passes them to events.outputTopic and sends bottom-up requests"
          + " to the events.inputTopic of the jobs it reads from. On the DirectRunner it runs until"
          + " it is stopped (Ctrl-C, SIGTERM), then prints its counters; on other runners it"
          + " returns once the pipeline is RUNNING (see --detach). Against the Pub/Sub emulator add"
          + " --pubsubRootUrl=http://127.0.0.1:PORT"
          + " --credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory"
          + " --project=PROJECT (or put them under 'pipeline:' in klio.yaml)."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin RunSelection selection = new RunSelection();

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--ping",
      description =
          "Compute nothing; print the path each id would take: for each job, in order, whether"
              + " it would compute (output missing, stale or forced), skip, or stay blocked.")
  boolean ping;

  @Option(
      names = "--report-every",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Per-job streaming mode: print the job's counters every SECONDS (0: only when it"
              + " stops; default ${DEFAULT-VALUE}).")
  int reportEvery;

  @Option(
      names = "--detach",
      negatable = true,
      description =
          "Per-job streaming mode: return once the runner reports the pipeline RUNNING (exit 0),"
              + " or fail with its reason (exit 1) if it does not start; --no-detach: keep"
              + " running in the foreground until stopped. Default: --detach on every runner but"
              + " the DirectRunner, which runs the pipeline inside this JVM. With ids: --detach"
              + " returns once the runner has the batch pipeline, without waiting for it (not on"
              + " the DirectRunner). Beam's --templateLocation implies it: the DataflowRunner then"
              + " only writes the job.")
  Boolean detach;

  @Option(
      names = "--start-timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description =
          "With --detach: fail if the pipeline is not running after SECONDS (default"
              + " ${DEFAULT-VALUE}).")
  int startTimeout;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "With ids: write the run's report page to FILE.html, one self-contained HTML file (the"
              + " DAG coloured by outcome, counts, running times, slowest elements, dead letters,"
              + " previews of outputs). Default: .klio/reports/<time>.html in the folder of the"
              + " jobs' outputs when they are local, else in the working directory.")
  Path report;

  @Option(names = "--no-report", description = "With ids: write no report page.")
  boolean noReport;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  private final RunListener listener;

  /** The config, once loaded: errors in options and variables name its file and keys. */
  private KlioConfig config = KlioConfig.parse("", "(no config)");

  public RunCommand() {
    this(RunListener.NONE);
  }

  /** A {@code run} that tells {@code listener} about its whole-DAG runs. */
  public RunCommand(RunListener listener) {
    this.listener = listener;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    BeamOptions.checkFlags(beamArgs, command);
    JobRegistry registry = JobRegistry.load(Thread.currentThread().getContextClassLoader());
    JobGraph graph = new JobGraph(registry.specs());
    config = configOptions.load();
    config.validateJobs(graph.names());
    boolean perJob = perJobStreaming();
    return perJob
        ? runPerJob(graph, registry, config, out, err)
        : runWholeDag(graph, registry, config, out, err);
  }

  /** A job as its own streaming pipeline on Pub/Sub, followed until it stops or detached. */
  private int runPerJob(
      JobGraph graph, JobRegistry registry, KlioConfig config, PrintWriter out, PrintWriter err) {
    selection.checkKnown(graph);
    String job = selection.jobs.get(0);
    if (!config.jobs().containsKey(job)
        || config.jobs().get(job).events().inputSubscription().isEmpty()) {
      throw new UsageException(
          "no element ids, and job '"
              + job
              + "' has no events.inputSubscription in "
              + configOptions.file
              + " for per-job streaming mode: give --id ID or --ids FILE, or"
              + " configure jobs."
              + job
              + ".events");
    }
    PerJobRun.Follow follow = new PerJobRun.Follow(reportEvery, detach, startTimeout);
    return new PerJobRun(job, graph, registry, config, beamArgs, follow, out, err)
        .run(this::pipelineOptions, this::checkVariables);
  }

  /** The jobs a request needs as one batch pipeline over its ids; prints progress and counters. */
  private int runWholeDag(
      JobGraph graph, JobRegistry registry, KlioConfig config, PrintWriter out, PrintWriter err)
      throws IOException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    RunRequest request = selection.request(graph, ping);
    if (report != null && noReport) {
      throw new UsageException("give either --report FILE.html or --no-report, not both");
    }
    List<String> pipelineArgs = config.pipelineArgs(beamArgs);
    PipelineOptions options = pipelineOptions(pipelineArgs);
    Submission submission = Submission.of(Boolean.TRUE.equals(detach), pipelineArgs, options);
    if (report != null && !submission.waits()) {
      throw new UsageException("--report needs a run that waits for its pipeline, not --detach");
    }
    RunSettings settings =
        settings(config, pipelineArgs).withProvenance(selection.provenance(config, options, ping));
    List<String> selected = DagPipeline.selectJobs(graph, request);
    checkVariables(graph, selected);
    if (ping) {
      return new PingRun(graph, registry, request, settings, selected).run(options, out, err);
    }

    FileSystems.setDefaultPipelineOptions(options);
    checkIdFiles(request.idFiles());
    Pipeline pipeline = Pipeline.create(options);
    PCollection<DeadLetter> deadLetters =
        DagPipeline.build(pipeline, registry, graph, request, settings);
    deadLetters.apply(
        "Report dead letters", ParDo.of(new DeadLetterSink(config.deadLetters(), settings)));
    listener.deadLetters(deadLetters);
    out.printf(
        "klio: running %s %s for %s on %s%n",
        String.join(", ", selected),
        request.wholeDag() ? "(whole DAG)" : request.mode().flag(),
        describeIds(request),
        options.getRunner().getSimpleName());
    out.flush();
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // Return from run() at once, so that progress can be shown while it works.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    PipelineResult result = pipeline.run();
    if (!submission.waits()) {
      return submission.report(out);
    }
    PipelineResult.State state = Progress.follow(result, selected, err);
    RunSummary summary = RunSummary.of(result, selected);
    out.print(summary.table());
    out.flush();
    listener.finished(summary, state);
    if (!noReport) {
      RunReports.Context context =
          new RunReports.Context(
              commandLine(command),
              options.getRunner().getSimpleName(),
              started,
              Duration.ofNanos(System.nanoTime() - startNanos),
              graph,
              selected,
              request,
              settings);
      writeReport(context, summary, out, err);
    }
    if (state != PipelineResult.State.DONE) {
      err.println("klio: the pipeline ended in state " + state);
      return ExitCodes.FAILED;
    }
    return summary.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
  }

  /** Writes the run's page; a page that cannot be written fails nothing but itself. */
  private void writeReport(
      RunReports.Context context, RunSummary summary, PrintWriter out, PrintWriter err) {
    Path path =
        report != null
            ? report
            : RunReports.defaultPath(
                context.graph(), context.jobs(), context.settings().variables(), context.started());
    try {
      RunReports.write(RunReports.run(context, summary, config.deadLetters()), path);
      out.println("klio: report: " + path.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      err.println("klio: cannot write the report " + path + ": " + e);
    }
    out.flush();
    err.flush();
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,@%+-]+");

  /** The command line as typed, near enough to paste into a shell. */
  static String commandLine(picocli.CommandLine.Model.CommandSpec command) {
    List<String> words = new ArrayList<>(List.of("klio"));
    for (String arg : command.commandLine().getParseResult().originalArgs()) {
      words.add(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }

  /** One job, no ids, no message flags: per-job streaming mode if the config gives events. */
  private boolean perJobStreaming() {
    boolean noIds = selection.elementIds.isEmpty();
    if (!noIds || selection.dag || selection.jobs.size() != 1) {
      return false;
    }
    if (selection.mode != null || selection.force || ping) {
      throw new UsageException(
          "--mode, --force and --ping travel with messages: with ids they apply to this run;"
              + " in per-job streaming mode give them to 'klio publish' instead");
    }
    if (selection.stale) {
      throw new UsageException(
          "--stale checks the outputs of given ids: give --id ID or --ids FILE (per-job streaming"
              + " mode recomputes what its messages ask for)");
    }
    return configOptions.given();
  }

  static String describeIds(RunRequest request) {
    List<String> parts = new ArrayList<>();
    if (!request.ids().isEmpty()) {
      parts.add(request.ids().size() + " id(s)");
    }
    if (request.idFiles() != null) {
      parts.add("the ids in " + request.idFiles());
    }
    return String.join(" and ", parts);
  }

  /** Fails before the run if {@code --ids} names no file; the pipeline reads the files. */
  static void checkIdFiles(String pattern) throws IOException {
    if (pattern == null) {
      return;
    }
    MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.NOT_FOUND
        || (match.status() == MatchResult.Status.OK && match.metadata().isEmpty())) {
      throw new UsageException("--ids " + pattern + ": no such file");
    }
    if (match.status() != MatchResult.Status.OK) {
      throw new UsageException("--ids " + pattern + ": cannot read: " + match.status());
    }
  }

  static RunSettings settings(KlioConfig config, List<String> pipelineArgs) {
    Map<String, JobSettings> jobs = new TreeMap<>();
    config.jobs().forEach((name, job) -> jobs.put(name, job.toSettings()));
    return new RunSettings(config.variables(), jobs, true, project(pipelineArgs));
  }

  /**
   * The {@code --project} Beam flag, part of each job's identity on the wire ({@code project-job}).
   * Read from the arguments given, not from {@code GcpOptions#getProject}, which falls back to
   * gcloud's default project: this machine's gcloud config would change every local job's identity.
   */
  static String project(List<String> pipelineArgs) {
    String project = "";
    for (String arg : pipelineArgs) {
      if (arg.startsWith("--project=")) {
        project = arg.substring("--project=".length());
      }
    }
    return project;
  }

  PipelineOptions pipelineOptions(List<String> args) {
    return pipelineOptions(config, args, command);
  }

  /**
   * Beam's options from {@code args}, which must all be {@code --flags} that Beam knows; an unknown
   * one is a usage error naming the closest flags of {@code command} and of Beam.
   */
  static PipelineOptions pipelineOptions(
      KlioConfig config, List<String> args, picocli.CommandLine.Model.CommandSpec command) {
    return BeamOptions.parse(config, args, command);
  }

  void checkVariables(JobGraph graph, List<String> selected) {
    checkVariables(config, graph, selected);
  }

  /** Every variable the jobs' templates use must be defined before anything runs. */
  static void checkVariables(KlioConfig config, JobGraph graph, Collection<String> jobs) {
    Map<String, List<String>> templates = new TreeMap<>();
    jobs.forEach(name -> templates.put(name, graph.job(name).locations()));
    config.checkTemplateVariables(templates);
  }

  /** A bad command line; nothing was run. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
