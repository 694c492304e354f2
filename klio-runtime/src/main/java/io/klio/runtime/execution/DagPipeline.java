package io.klio.runtime.execution;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobDefinition;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Whole-DAG mode: the jobs a request needs as one Beam pipeline. The run's ids are cut into slices
 * that spread over the workers ({@link IdSlices}); a worker reads a slice and takes its ids through
 * the DAG batch by batch ({@link DagRun}), so memory stays flat as the number of ids grows and each
 * job asks its stores about a whole batch at once.
 *
 * <pre>
 * ids ─ slices ─ spread ─ run the DAG per batch ─ dead letters
 * </pre>
 */
public final class DagPipeline {
  /** The counter of ids read, namespace {@code klio}. */
  static final String IDS_READ = "ids-read";

  private DagPipeline() {}

  /** The jobs a request puts in the pipeline, in topological order. */
  public static List<String> selectJobs(JobGraph graph, RunRequest request) {
    if (request.wholeDag()) {
      return graph.topologicalOrder();
    }
    Set<String> selected = new TreeSet<>(request.jobs());
    for (String job : request.jobs()) {
      selected.addAll(
          request.mode() == RunRequest.Mode.TOP_DOWN
              ? graph.descendants(job)
              : graph.ancestors(job));
    }
    return graph.ordered(selected);
  }

  /** Builds the pipeline; returns every job's dead letters. */
  public static PCollection<DeadLetter> build(
      Pipeline pipeline,
      JobRegistry registry,
      JobGraph graph,
      RunRequest request,
      RunSettings settings) {
    return build(pipeline, registry, graph, request, settings, null);
  }

  /**
   * Builds the pipeline of a ping: with the settings of a plan, it writes the path each id would
   * take into text files in {@code pathsFolder} ({@link PingPaths}), one per slice of ids.
   */
  public static PCollection<DeadLetter> build(
      Pipeline pipeline,
      JobRegistry registry,
      JobGraph graph,
      RunRequest request,
      RunSettings settings,
      String pathsFolder) {
    Map<String, JobInvoker> jobs = new LinkedHashMap<>();
    for (String job : selectJobs(graph, request)) {
      JobDefinition definition = registry.job(job).orElseThrow();
      jobs.put(job, definition.invoker());
    }
    return build(pipeline, new DagRun(graph, jobs, request, settings), request, pathsFolder);
  }

  static PCollection<DeadLetter> build(Pipeline pipeline, DagRun run, RunRequest request) {
    return build(pipeline, run, request, null);
  }

  private static PCollection<DeadLetter> build(
      Pipeline pipeline, DagRun run, RunRequest request, String pathsFolder) {
    return pipeline
        .apply(
            "Element ids",
            new IdSlices(
                new ArrayList<>(new LinkedHashSet<>(request.ids())),
                request.idFiles(),
                request.batchSize()))
        .apply("Run the DAG", ParDo.of(new RunDagFn(run, request.batchSize(), pathsFolder)))
        .setCoder(DeadLetterCoder.of());
  }

  /** Reads a slice of ids and takes them through the DAG, a batch at a time. */
  private static final class RunDagFn extends DoFn<IdSlice, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private final DagRun run;
    private final int batchSize;
    private final Counter idsRead = Metrics.counter("klio", IDS_READ);
    private final String pathsFolder; // null unless a ping

    RunDagFn(DagRun run, int batchSize, String pathsFolder) {
      this.run = run;
      this.batchSize = batchSize;
      this.pathsFolder = pathsFolder;
    }

    @Setup
    public void setUp() throws Exception {
      run.setUp();
    }

    @Teardown
    public void tearDown() {
      run.tearDown();
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(
              DisplayData.item("klioJobs", String.join(", ", run.jobs()))
                  .withLabel("Klio jobs, in the order each batch goes through them"))
          .add(DisplayData.item("batchSize", batchSize).withLabel("Ids per batch"));
    }

    @ProcessElement
    public void process(@Element IdSlice slice, OutputReceiver<DeadLetter> out) throws Exception {
      List<String> ids = slice.read();
      idsRead.inc(ids.size());
      PathTrace trace = pathsFolder == null ? null : new PathTrace();
      for (int start = 0; start < ids.size(); start += batchSize) {
        run.run(ids.subList(start, Math.min(ids.size(), start + batchSize)), trace)
            .forEach(out::output);
      }
      if (trace != null) {
        PingPaths.write(pathsFolder, slice, trace.lines());
      }
    }
  }
}
