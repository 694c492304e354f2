package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.DagPipeline;
import io.klio.runtime.execution.DeadLetterSink;
import io.klio.runtime.execution.PlanSummary;
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
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.ParDo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code plan}: what {@code run} with the same arguments would do, computing and writing nothing.
 * It is the run's own pipeline with every job told to count instead of compute, so a plan and the
 * run after it agree on every count, as long as nothing changes in between and no job fails.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Prints what 'run' with the same arguments would do, per job: compute (output missing,"
          + " stale or forced), skip, or leave blocked; the storage requests it needs; and its CPU"
          + " time, estimated from the running times recorded with existing outputs. Computes and"
          + " writes nothing. Unknown --flags are passed to Beam, as with run."
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin RunSelection selection = new RunSelection();

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Mixin OutputFormat format = new OutputFormat();

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Also write the plan as a self-contained HTML page: the DAG coloured by what a run"
              + " would compute, recompute as stale, skip or leave blocked, and the plan's counts.")
  Path report;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    BeamOptions.checkFlags(beamArgs, command);
    boolean json = format.json();
    JobRegistry registry = JobRegistry.load(Thread.currentThread().getContextClassLoader());
    JobGraph graph = new JobGraph(registry.specs());
    KlioConfig config = configOptions.load();
    config.validateJobs(graph.names());
    RunRequest request = selection.request(graph, false);
    List<String> pipelineArgs = config.pipelineArgs(beamArgs);
    PipelineOptions options = RunCommand.pipelineOptions(config, pipelineArgs, command);
    RunSettings settings =
        RunCommand.settings(config, pipelineArgs)
            .withProvenance(selection.provenance(config, options, true));
    List<String> selected = DagPipeline.selectJobs(graph, request);
    RunCommand.checkVariables(config, graph, selected);
    FileSystems.setDefaultPipelineOptions(options);
    RunCommand.checkIdFiles(request.idFiles());

    Pipeline pipeline = Pipeline.create(options);
    DagPipeline.build(pipeline, registry, graph, request, settings)
        // a plan stores no dead letter: none of the per-job locations, only the count and the log
        .apply("Count dead letters", ParDo.of(DeadLetterSink.countingOnly()));
    if (!json) {
      out.printf(
          "klio: planning %s %s for %s%s%s%n",
          String.join(", ", selected),
          request.wholeDag() ? "(whole DAG)" : request.mode().flag(),
          RunCommand.describeIds(request),
          selection.stale ? ", --stale" : "",
          selection.force ? ", --force" : "");
      out.flush();
    }
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      err.println("klio plan: the pipeline ended in state " + state);
      return ExitCodes.FAILED;
    }
    PlanSummary plan = PlanSummary.of(RunSummary.of(result, selected), graph, settings.variables());
    out.print(json ? plan.json() : plan.text());
    out.flush();
    if (report != null) {
      RunReports.Context context =
          new RunReports.Context(
              RunCommand.commandLine(command),
              options.getRunner().getSimpleName(),
              started,
              Duration.ofNanos(System.nanoTime() - startNanos),
              graph,
              selected,
              request,
              settings);
      RunReports.write(RunReports.plan(context, plan), report);
      err.println("klio plan: report: " + report.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
