package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.provenance.OutputRecords;
import io.klio.runtime.provenance.ProvenanceRecord;
import io.klio.runtime.provenance.RecordLayout;
import io.klio.runtime.provenance.RecordStore;
import io.klio.runtime.storage.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A plan counts exactly what the run after it does, for random DAGs in random states: outputs
 * current, missing, stale by code (a changed fingerprint), stale by data (a replaced input file),
 * without a record, or marked pending by an interrupted run; external inputs missing; top-down and
 * bottom-up; with and without {@code --force}. After the run, nothing is stale, and every record
 * describes the bytes of its output.
 */
class PlanMatchesRunTest {
  /** What the plans of all tries counted, to show that the states were all reached. */
  private static final Map<String, Long> SEEN = new java.util.TreeMap<>();

  @net.jqwik.api.lifecycle.AfterContainer
  static void report() {
    System.out.println("plan vs run: elements planned over all tries: " + SEEN);
  }

  @Property(tries = 25)
  void aPlanCountsWhatTheRunThenDoes(@ForAll long seed) throws Exception {
    Path data = Files.createTempDirectory("klio-plan-");
    try {
      check(new Random(seed), data);
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void check(Random random, Path data) throws Exception {
    int jobs = 2 + random.nextInt(5);
    List<String> ids = new ArrayList<>();
    for (int i = 0, n = 2 + random.nextInt(7); i < n; i++) {
      ids.add("e" + i);
    }
    List<Shape> shapes = shapes(random, jobs);
    Map<String, String> variables = Map.of("data", data.toString());
    for (Shape shape : shapes) {
      for (String id : ids) {
        if (shape.external && random.nextInt(10) > 0) { // a tenth of the inputs missing
          write(data.resolve("ext-" + shape.name + "/" + id + ".txt"), shape.name + " of " + id);
        }
      }
    }
    JobGraph before = graph(shapes, Set.of());
    RunRequest everything =
        new RunRequest(
            Set.of(),
            true,
            RunRequest.Mode.TOP_DOWN,
            false,
            false,
            ids,
            null,
            1 + random.nextInt(5));
    run(before, everything, settings(variables, false, false, false));

    // Change the code of some jobs, and the state of some outputs and inputs.
    Set<String> changed = new java.util.TreeSet<>();
    shapes.forEach(
        shape -> {
          if (random.nextInt(4) == 0) {
            changed.add(shape.name);
          }
        });
    JobGraph after = graph(shapes, changed);
    for (Shape shape : shapes) {
      for (String id : ids) {
        Path output = data.resolve(shape.name + "/" + id + ".txt");
        switch (random.nextInt(12)) {
          case 0 -> Files.deleteIfExists(output);
          case 1 -> {
            Optional<String> record = record(output);
            if (record.isPresent()) {
              Files.delete(Path.of(record.get()));
            }
          }
          case 2 -> {
            if (Files.exists(output)) {
              write(Path.of(RecordLayout.pending(output.toString())), "interrupted");
            }
          }
          default -> {}
        }
        Path external = data.resolve("ext-" + shape.name + "/" + id + ".txt");
        if (Files.exists(external) && random.nextInt(6) == 0) {
          write(external, "replaced " + random.nextInt());
          Files.setLastModifiedTime(
              external, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        }
      }
    }

    String target = shapes.get(random.nextInt(shapes.size())).name;
    RunRequest request =
        switch (random.nextInt(3)) {
          case 0 ->
              new RunRequest(
                  Set.of(),
                  true,
                  RunRequest.Mode.TOP_DOWN,
                  random.nextInt(5) == 0,
                  false,
                  ids,
                  null,
                  1 + random.nextInt(5));
          case 1 ->
              new RunRequest(
                  Set.of(target),
                  false,
                  RunRequest.Mode.TOP_DOWN,
                  random.nextInt(5) == 0,
                  false,
                  ids,
                  null,
                  1 + random.nextInt(5));
          default ->
              new RunRequest(
                  Set.of(target),
                  false,
                  RunRequest.Mode.BOTTOM_UP,
                  random.nextInt(5) == 0,
                  false,
                  ids,
                  null,
                  1 + random.nextInt(5));
        };
    boolean stale = random.nextInt(4) > 0;
    boolean unrecordedAreStale = random.nextBoolean();
    String what =
        "jobs "
            + shapes
            + ", changed "
            + changed
            + ", request "
            + request
            + ", stale "
            + stale
            + ", unrecorded are stale "
            + unrecordedAreStale;

    PlanSummary plan =
        plan(after, request, settings(variables, stale, unrecordedAreStale, true), variables);
    RunSummary run = run(after, request, settings(variables, stale, unrecordedAreStale, false));
    for (PlanSummary.JobPlan job : plan.jobs()) {
      String name = job.job();
      SEEN.merge("missing", job.missing(), Long::sum);
      SEEN.merge("stale", job.stale(), Long::sum);
      SEEN.merge("forced", job.forced(), Long::sum);
      SEEN.merge("skip", job.skip(), Long::sum);
      SEEN.merge("blocked", job.blocked(), Long::sum);
      SEEN.merge("no-record", job.noRecord(), Long::sum);
      assertThat(job.compute())
          .as(name + " computed; " + what)
          .isEqualTo(run.count(name, JobCounters.PROCESSED));
      assertThat(job.stale())
          .as(name + " stale; " + what)
          .isEqualTo(run.count(name, JobCounters.STALE));
      assertThat(job.skip())
          .as(name + " skipped; " + what)
          .isEqualTo(run.count(name, JobCounters.SKIPPED));
      assertThat(job.blocked())
          .as(name + " blocked; " + what)
          .isEqualTo(
              run.count(name, JobCounters.DEAD_LETTERED)
                  + run.count(name, JobCounters.BLOCKED_BY_PARENT));
      assertThat(job.noRecord())
          .as(name + " without a record; " + what)
          .isEqualTo(run.count(name, JobCounters.NO_RECORD));
    }

    if (stale) {
      RunRequest again =
          new RunRequest(
              request.jobs(),
              request.wholeDag(),
              request.mode(),
              false,
              false,
              ids,
              null,
              request.batchSize());
      PlanSummary afterwards =
          plan(after, again, settings(variables, true, unrecordedAreStale, true), variables);
      afterwards
          .jobs()
          .forEach(
              job ->
                  assertThat(job.compute())
                      .as(job.job() + " still to compute after the run; " + what)
                      .isZero());
    }
    everyRecordDescribesItsOutput(shapes, ids, data);
  }

  /** A job: its name, its parents among the jobs before it, and whether it reads external data. */
  private record Shape(String name, List<String> parents, boolean external) {
    @Override
    public String toString() {
      return name + "<-" + parents + (external ? "+ext" : "");
    }
  }

  private static List<Shape> shapes(Random random, int count) {
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> parents = new ArrayList<>();
      for (int p = 0; p < i; p++) {
        if (random.nextInt(3) == 0 && parents.size() < 2) {
          parents.add("j" + p);
        }
      }
      boolean external = parents.isEmpty() || random.nextInt(4) == 0;
      shapes.add(new Shape("j" + i, parents, external));
    }
    return shapes;
  }

  private static JobGraph graph(List<Shape> shapes, Set<String> changed) {
    List<JobSpec> specs = new ArrayList<>();
    for (Shape shape : shapes) {
      JobSpec.Builder builder =
          JobSpec.builder(shape.name, "test#" + shape.name)
              .fingerprint(changed.contains(shape.name) ? "code-2" : "code-1");
      builder.parents(shape.parents.toArray(String[]::new));
      for (String parent : shape.parents) {
        builder.input(
            InputSpec.fromJob(
                "from_" + parent,
                parent,
                "${data}/" + parent + "/{id}.txt",
                "java.lang.String",
                "java.lang.String",
                Codecs.utf8()));
      }
      if (shape.external) {
        builder.input(
            InputSpec.external(
                "raw",
                "${data}/ext-" + shape.name + "/{id}.txt",
                "java.lang.String",
                Codecs.utf8()));
      }
      specs.add(
          builder
              .output("${data}/" + shape.name + "/{id}.txt", "java.lang.String", Codecs.utf8())
              .build());
    }
    return new JobGraph(specs);
  }

  /** Each job writes a hash of its name and inputs: the same inputs, the same output. */
  private static final JobInvoker INVOKER =
      (target, inputs, id) ->
          Hashes.sha256(
              id
                  + ":"
                  + String.join(
                      "|", java.util.Arrays.stream(inputs).map(String::valueOf).toList()));

  private static RunSettings settings(
      Map<String, String> variables, boolean stale, boolean unrecordedAreStale, boolean planOnly) {
    return RunSettings.of(variables)
        .withProvenance(new RunSettings.Provenance(stale, unrecordedAreStale, planOnly, "test"));
  }

  private static RunSummary run(JobGraph graph, RunRequest request, RunSettings settings) {
    List<String> selected = DagPipeline.selectJobs(graph, request);
    Map<String, JobInvoker> invokers = new LinkedHashMap<>();
    selected.forEach(job -> invokers.put(job, INVOKER));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    DagPipeline.build(pipeline, new DagRun(graph, invokers, request, settings), request);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return RunSummary.of(result, selected);
  }

  private static PlanSummary plan(
      JobGraph graph, RunRequest request, RunSettings settings, Map<String, String> variables) {
    RunSummary counted = run(graph, request, settings);
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    DagPipeline.selectJobs(graph, request).forEach(job -> jobs.put(job, graph.job(job)));
    return PlanSummary.of(counted, jobs, variables);
  }

  /** No output has a single record that describes other bytes than its own. */
  private static void everyRecordDescribesItsOutput(List<Shape> shapes, List<String> ids, Path data)
      throws IOException {
    for (Shape shape : shapes) {
      for (String id : ids) {
        Path output = data.resolve(shape.name + "/" + id + ".txt");
        OutputRecords records = records(output);
        Optional<String> location = RecordStore.recordLocation(output.toString(), records);
        if (!Files.exists(output) || records.key().isEmpty() || location.isEmpty()) {
          continue;
        }
        ProvenanceRecord record =
            ProvenanceRecord.parse(Files.readAllBytes(Path.of(location.get())));
        assertThat(record.outputSha256())
            .as("record of " + output)
            .isEqualTo(Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(output))));
        assertThat(record.key()).isEqualTo(records.key().get());
      }
    }
  }

  private static OutputRecords records(Path output) throws IOException {
    return RecordStore.list(List.of(output.toString()), requests -> {}).get(output.toString());
  }

  /** Where the output's one record is, if it has one. */
  private static Optional<String> record(Path output) throws IOException {
    return RecordStore.recordLocation(output.toString(), records(output));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
