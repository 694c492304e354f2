package io.klio.runtime.cli;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.DagPipeline;
import io.klio.runtime.execution.DeadLetterSink;
import io.klio.runtime.execution.PingPaths;
import io.klio.runtime.execution.PlanSummary;
import io.klio.runtime.execution.RunRequest;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.execution.RunSummary;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * {@code run --ping}: the run's own pipeline as a plan (nothing computed or written but the paths),
 * printing the path each id would take and then the plan's table per job.
 */
final class PingRun {
  /** Paths printed; more go to the folder only, whose location is printed. */
  static final int SHOWN = 100;

  private final JobGraph graph;
  private final JobRegistry registry;
  private final RunRequest request;
  private final RunSettings settings;
  private final List<String> selected;

  PingRun(
      JobGraph graph,
      JobRegistry registry,
      RunRequest request,
      RunSettings settings,
      List<String> selected) {
    this.graph = graph;
    this.registry = registry;
    this.request = request;
    this.settings = settings;
    this.selected = selected;
  }

  int run(PipelineOptions options, PrintWriter out, PrintWriter err) throws IOException {
    String folder = folder(options);
    Pipeline pipeline = Pipeline.create(options);
    DagPipeline.build(pipeline, registry, graph, request, settings, folder)
        // like a plan, a ping stores no dead letter: it counts and logs them
        .apply("Count dead letters", ParDo.of(DeadLetterSink.countingOnly()));
    out.printf(
        "klio: ping %s %s for %s: computes nothing%n",
        String.join(", ", selected),
        request.wholeDag() ? "(whole DAG)" : request.mode().flag(),
        RunCommand.describeIds(request));
    out.flush();
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      err.println("klio: the pipeline ended in state " + state);
      return ExitCodes.FAILED;
    }
    PingPaths.Lines paths = PingPaths.read(folder, SHOWN);
    paths.shown().forEach(out::println);
    if (paths.total() > paths.shown().size()) {
      out.printf(
          "... %d more; every id's path is in %s%n", paths.total() - paths.shown().size(), folder);
    } else {
      deleteLocal(folder); // all shown
    }
    out.print(PlanSummary.of(RunSummary.of(result, selected), graph, settings.variables()).text());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * A fresh folder for the paths: under Beam's {@code --tempLocation} when given (a store every
   * worker reaches), else under this machine's temporary folder, which serves local runners.
   */
  private static String folder(PipelineOptions options) {
    String base =
        options.getTempLocation() != null
            ? options.getTempLocation().replaceAll("/+$", "")
            : System.getProperty("java.io.tmpdir").replaceAll("/+$", "");
    return base
        + "/klio-ping-"
        + LocalDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void deleteLocal(String folder) throws IOException {
    if (!Storage.isLocal(folder)) {
      return;
    }
    Path path = Path.of(folder);
    if (!Files.isDirectory(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
