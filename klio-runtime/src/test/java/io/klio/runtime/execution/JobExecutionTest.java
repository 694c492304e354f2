package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.message.proto.KlioMessage.Metadata.Recipients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.protobuf.ProtoCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One job's per-message semantics on the DirectRunner, without generated code. */
class JobExecutionTest {
  /** Invocations per test, keyed by a test-unique name (the DoFn is serialized, the map is not). */
  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

  static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();

  @TempDir Path data;

  private JobSpec spec(String name, boolean withParentInput) {
    JobSpec.Builder builder = JobSpec.builder(name, "test.Jobs#" + name);
    if (withParentInput) {
      builder
          .parents("parent")
          .input(
              InputSpec.fromJob(
                  "in", "parent", "${data}/parent/{id}.txt", "java.lang.String", Codecs.utf8()));
    }
    return builder
        .output("${data}/" + name + "/{id}.txt", "java.lang.String", Codecs.utf8())
        .build();
  }

  private static JobInvoker counting(String key) {
    return (target, inputs, id) -> {
      CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(200);
      return "done " + id;
    };
  }

  /** Per-job settings for a job that sends no requests. */
  private RunSettings perJob() {
    return new RunSettings(Map.of("data", data.toString()), Map.of(), false, "p");
  }

  /** One job as a whole-DAG run over {@code ids}. */
  private static void runDag(
      Pipeline pipeline,
      JobSpec spec,
      JobInvoker invoker,
      RunSettings settings,
      List<String> ids,
      int batchSize) {
    RunRequest request =
        new RunRequest(
            Set.of(), true, RunRequest.Mode.TOP_DOWN, false, false, ids, null, batchSize);
    DagRun run =
        new DagRun(new JobGraph(List.of(spec)), Map.of(spec.name(), invoker), request, settings);
    DagPipeline.build(pipeline, run, request);
  }

  /** Per-job settings for {@code job}, whose requests go to its parent "parent" at parent-in. */
  private RunSettings perJobAskingParent(String job, Duration requestTimeout) {
    return perJob(
        new JobGraph(List.of(spec("parent", false), spec(job, true))), job, requestTimeout);
  }

  /** Each job reads its first parent's output topic. */
  private RunSettings perJob(JobGraph graph, String job, Duration requestTimeout) {
    Map<String, JobTopics> topics = new HashMap<>();
    for (String name : graph.names()) {
      String in =
          graph.job(name).isRoot() ? name + "-in" : graph.job(name).parents().get(0) + "-out";
      topics.put(
          name,
          new JobTopics(Optional.of(in), Optional.of(name + "-in"), Optional.of(name + "-out")));
    }
    return new RunSettings(Map.of("data", data.toString()), Map.of(), false, "p")
        .withRequestRoutes(new RequestRoutePlanner(graph, topics).plan(job, requestTimeout));
  }

  private static RunSummary run(Pipeline pipeline, String job) {
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return RunSummary.of(result, List.of(job));
  }

  @Test
  void concurrentRequestsForOneElementComputeItOnce() {
    List<KlioMessage> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      requests.add(KlioMessages.topDown("e1", false, false));
    }
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(requests).withCoder(ProtoCoder.of(KlioMessage.class)))
        .apply(Reshuffle.viaRandomKey())
        .apply(JobExecution.transform(spec("once", false), counting("once"), perJob()));
    RunSummary summary = run(pipeline, "once");
    assertThat(CALLS.get("once")).hasValue(1);
    assertThat(summary.count("once", JobCounters.PROCESSED)).isEqualTo(1);
    assertThat(summary.count("once", JobCounters.SKIPPED)).isEqualTo(7);
  }

  @Test
  void perJobModeDropsMessagesForOtherJobsAndAsksTheParentForMissingInputs() {
    KlioMessage forOther =
        KlioMessages.bottomUp("e1", List.of(new JobRef("other", "p")), null, false, false);
    KlioMessage forMe = KlioMessages.topDown("e2", false, false);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(forOther, forMe).withCoder(ProtoCoder.of(KlioMessage.class)))
        .apply(
            JobExecution.transform(
                spec("child", true),
                counting("child"),
                perJobAskingParent("child", Duration.ofMinutes(10))));
    RunSummary summary = run(pipeline, "child");
    assertThat(summary.count("child", JobCounters.DROPPED)).isEqualTo(1);
    assertThat(summary.count("child", JobCounters.REQUESTED_UPSTREAM)).isEqualTo(1);
    assertThat(CALLS).doesNotContainKey("child");
    assertThat(data.resolve("child")).doesNotExist();
  }

  @Test
  void maxConcurrencyBoundsTheCallsOfAJobOnAWorker() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    RUNNING.put("bounded", running);
    MOST.put("bounded", most);
    JobInvoker tracking =
        (target, inputs, id) -> {
          int now = RUNNING.get("bounded").incrementAndGet();
          MOST.get("bounded").accumulateAndGet(now, Math::max);
          Thread.sleep(100);
          RUNNING.get("bounded").decrementAndGet();
          return "done " + id;
        };
    RunSettings settings =
        new RunSettings(
            Map.of("data", data.toString()),
            Map.of("bounded", new JobSettings(Duration.ofMinutes(1), 0, Optional.empty(), 2)),
            true,
            "");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add("e" + i);
    }
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    runDag(pipeline, spec("bounded", false), tracking, settings, ids, 6);
    RunSummary summary = run(pipeline, "bounded");

    assertThat(summary.count("bounded", JobCounters.PROCESSED)).isEqualTo(12);
    assertThat(most.get()).isEqualTo(2); // elements of a batch run side by side, never more than 2
    assertThat(data.resolve("bounded/e11.txt")).hasContent("done e11");
  }

  @Test
  void aBottomUpRunLooksEachOutputUpOnce() throws Exception {
    // a: both outputs there; b: only the parent's; c: neither.
    for (String id : List.of("a", "b")) {
      Files.createDirectories(data.resolve("parent"));
      Files.writeString(data.resolve("parent/" + id + ".txt"), "parent of " + id);
    }
    Files.createDirectories(data.resolve("child"));
    Files.writeString(data.resolve("child/a.txt"), "child of a");
    JobSpec parent = spec("parent", false);
    JobSpec child = spec("child", true);
    RunRequest request =
        new RunRequest(
            Set.of("child"),
            false,
            RunRequest.Mode.BOTTOM_UP,
            false,
            false,
            List.of("a", "b", "c"),
            null,
            10);
    Map<String, JobInvoker> jobs = new java.util.LinkedHashMap<>();
    jobs.put("parent", counting("lookups-parent"));
    jobs.put("child", counting("lookups-child"));
    DagRun run =
        new DagRun(
            new JobGraph(List.of(parent, child)),
            jobs,
            request,
            RunSettings.of(Map.of("data", data.toString())));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    DagPipeline.build(pipeline, run, request);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    RunSummary summary = RunSummary.of(result, List.of("parent", "child"));

    assertThat(summary.count("parent", JobCounters.PROCESSED)).isEqualTo(1); // c
    assertThat(summary.count("child", JobCounters.PROCESSED)).isEqualTo(2); // b, c
    assertThat(summary.count("child", JobCounters.SKIPPED)).isEqualTo(1); // a
    // The plan looks up the child's 3 outputs and the parent's for b and c; the jobs add no
    // second lookup, only, for each element they compute, its record and pending mark (and, for
    // the child's b, the parent's, which c's parent wrote in this batch), the reads (the child's
    // 2), the output's write and its record's.
    assertThat(summary.count("child", JobCounters.STORAGE_REQUESTS))
        .isEqualTo(3 + 2 * (2 + 1) + 2 + 2 + 2);
    assertThat(summary.count("parent", JobCounters.STORAGE_REQUESTS)).isEqualTo(2 + 2 + 1 + 1);
  }

  @Test
  void anIdThatALocationCannotTakeIsADeadLetterAndItsBatchRunsOn() throws Exception {
    String tooLong = "y".repeat(252); // 252 bytes: an id, but "<id>.txt" is no file name
    JobSpec parent = spec("parent", false);
    JobSpec child = spec("child", true);
    RunRequest request =
        new RunRequest(
            Set.of("child"),
            false,
            RunRequest.Mode.BOTTOM_UP,
            false,
            false,
            List.of("fine", tooLong),
            null,
            10);
    Map<String, JobInvoker> jobs = new java.util.LinkedHashMap<>();
    jobs.put("parent", counting("batch-parent"));
    jobs.put("child", counting("batch-child"));
    DagRun run =
        new DagRun(
            new JobGraph(List.of(parent, child)),
            jobs,
            request,
            RunSettings.of(Map.of("data", data.toString())));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PAssert.that(DagPipeline.build(pipeline, run, request))
        .satisfies(
            letters -> {
              assertThat(letters)
                  .singleElement()
                  .satisfies(
                      letter -> {
                        assertThat(letter.elementId()).isEqualTo(tooLong);
                        assertThat(letter.reason())
                            .contains("would be 256 bytes in UTF-8, more than the 255");
                      });
              return null;
            });
    RunSummary summary = run(pipeline, "child");

    assertThat(summary.count("child", JobCounters.PROCESSED)).isEqualTo(1);
    assertThat(data.resolve("child/fine.txt")).hasContent("done fine");
  }

  /** An instance-method job whose instances notice being used by two calls at once. */
  static final class ExclusiveInvoker implements JobInvoker {
    static final AtomicInteger BUILT = new AtomicInteger();
    static final AtomicInteger SHARED = new AtomicInteger();

    @Override
    public Object newTarget() {
      BUILT.incrementAndGet();
      return new AtomicBoolean();
    }

    @Override
    public Object invoke(Object target, Object[] inputs, String id) throws Exception {
      AtomicBoolean busy = (AtomicBoolean) target;
      if (!busy.compareAndSet(false, true)) {
        SHARED.incrementAndGet();
      }
      Thread.sleep(50);
      busy.set(false);
      return "done " + id;
    }
  }

  @Test
  void instancesAreBuiltWhenNeededAndNeverSharedByTwoCalls() {
    RunSettings settings =
        new RunSettings(
            Map.of("data", data.toString()),
            Map.of("exclusive", new JobSettings(Duration.ofMinutes(1), 0, Optional.empty(), 3)),
            true,
            "");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ids.add("e" + i);
    }
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    runDag(pipeline, spec("exclusive", false), new ExclusiveInvoker(), settings, ids, 8);
    RunSummary summary = run(pipeline, "exclusive");

    assertThat(summary.count("exclusive", JobCounters.PROCESSED)).isEqualTo(24);
    assertThat(ExclusiveInvoker.SHARED).hasValue(0);
    assertThat(ExclusiveInvoker.BUILT.get()).isBetween(1, 3);
  }

  @Test
  void aBatchAsksTheStoreOnceForAllOutputsAndSkipsThoseThatExist() throws Exception {
    Files.createDirectories(data.resolve("batched"));
    Files.writeString(data.resolve("batched/e1.txt"), "made before");
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    runDag(
        pipeline,
        spec("batched", false),
        counting("batched"),
        RunSettings.of(Map.of("data", data.toString())),
        List.of("e0", "e1", "e2", "e3"),
        100);
    RunSummary summary = run(pipeline, "batched");

    assertThat(summary.count("batched", JobCounters.SKIPPED)).isEqualTo(1);
    assertThat(summary.count("batched", JobCounters.PROCESSED)).isEqualTo(3);
    assertThat(CALLS.get("batched")).hasValue(3);
    assertThat(Files.readString(data.resolve("batched/e1.txt"))).isEqualTo("made before");
    // 4 local lookups for the batch, then for each computed element a look for its record and
    // pending mark, its output's write and its record's
    assertThat(summary.count("batched", JobCounters.STORAGE_REQUESTS)).isEqualTo(4 + 3 * 4);
  }

  @Test
  void theCycleGuardDeadLettersAMessageThatKeepsComingBack() throws Exception {
    JobRef self = new JobRef("looping", "p");
    KlioMessage message = KlioMessages.topDown("e1", false, false);
    for (int i = 0; i < RunSettings.DEFAULT_MAX_VISITS; i++) {
      message = KlioMessages.withAudit(message, self, Instant.now());
    }
    Files.createDirectories(data);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(message).withCoder(ProtoCoder.of(KlioMessage.class)))
        .apply(JobExecution.transform(spec("looping", false), counting("looping"), perJob()));
    RunSummary summary = run(pipeline, "looping");
    assertThat(summary.count("looping", JobCounters.DEAD_LETTERED)).isEqualTo(1);
    assertThat(CALLS).doesNotContainKey("looping");
  }

  /** A job that reads the outputs of {@code readsFrom}, stored at ${data}/<job>/{id}.txt. */
  private static JobSpec reader(String name, List<String> parents, String... readsFrom) {
    JobSpec.Builder b =
        JobSpec.builder(name, "test.Jobs#" + name).parents(parents.toArray(String[]::new));
    for (String producer : readsFrom) {
      b.input(
          InputSpec.fromJob(
              producer,
              producer,
              "${data}/" + producer + "/{id}.txt",
              "java.lang.String",
              Codecs.utf8()));
    }
    return b.output("${data}/" + name + "/{id}.txt", "java.lang.String", Codecs.utf8()).build();
  }

  @Test
  void aMissingGrandparentOutputIsRequestedAlongThePathThroughTheParent() throws Exception {
    JobGraph graph =
        new JobGraph(
            List.of(
                reader("grandparent", List.of()),
                reader("parent", List.of("grandparent"), "grandparent"),
                reader("grandchild", List.of("parent"), "parent", "grandparent")));
    Files.createDirectories(data.resolve("parent"));
    Files.writeString(data.resolve("parent/e1.txt"), "made by parent");

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(KlioMessages.topDown("e1", false, false))
                    .withCoder(ProtoCoder.of(KlioMessage.class)))
            .apply(
                JobExecution.transform(
                    graph.job("grandchild"),
                    counting("grandchild"),
                    perJob(graph, "grandchild", Duration.ofMinutes(10))));
    PAssert.that(out.get(JobExecution.UPSTREAM_REQUESTS))
        .satisfies(
            requests -> {
              KV<String, KlioMessage> request = requests.iterator().next();
              assertThat(requests).hasSize(1);
              assertThat(request.getKey()).isEqualTo("grandparent");
              Recipients.Limited limited =
                  request.getValue().getMetadata().getIntendedRecipients().getLimited();
              assertThat(limited.getRecipientsList())
                  .extracting(JobRef::of)
                  .containsExactly(
                      new JobRef("grandparent", "p"),
                      new JobRef("parent", "p"),
                      new JobRef("grandchild", "p"));
              assertThat(JobRef.of(limited.getTriggerChildrenOf()))
                  .isEqualTo(new JobRef("grandchild", "p"));
              return null;
            });
    RunSummary summary = run(pipeline, "grandchild");
    assertThat(summary.count("grandchild", JobCounters.REQUESTED_UPSTREAM)).isEqualTo(1);
    assertThat(CALLS).doesNotContainKey("grandchild");
  }

  @Test
  void aRequestWithoutARouteIsADeadLetterWithTheReason() {
    JobGraph graph = new JobGraph(List.of(spec("parent", false), spec("orphan", true)));
    RunSettings noTopics =
        new RunSettings(Map.of("data", data.toString()), Map.of(), false, "p")
            .withRequestRoutes(
                new RequestRoutePlanner(graph, Map.of()).plan("orphan", Duration.ofMinutes(1)));

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple out =
        pipeline
            .apply(
                Create.of(KlioMessages.topDown("e1", false, false))
                    .withCoder(ProtoCoder.of(KlioMessage.class)))
            .apply(JobExecution.transform(spec("orphan", true), counting("orphan"), noTopics));
    PAssert.that(out.get(JobExecution.DEAD_LETTERS))
        .satisfies(
            letters -> {
              assertThat(letters)
                  .singleElement()
                  .satisfies(
                      letter ->
                          assertThat(letter.reason())
                              .isEqualTo(
                                  "input missing: job 'parent' must produce it, but a request cannot reach it and come back"
                                      + " to 'orphan': 'parent' has no events.inputTopic in klio.yaml to send it to"));
              return null;
            });
    PAssert.that(out.get(JobExecution.UPSTREAM_REQUESTS)).empty();
    RunSummary summary = run(pipeline, "orphan");
    assertThat(summary.count("orphan", JobCounters.DEAD_LETTERED)).isEqualTo(1);
    assertThat(summary.count("orphan", JobCounters.REQUESTED_UPSTREAM)).isZero();
  }

  @Test
  void aRequestLeftUnansweredPastTheTimeoutIsCountedAndAnAnsweredOneIsNot() {
    Duration timeout = Duration.ofMinutes(10);
    org.joda.time.Duration half = org.joda.time.Duration.standardMinutes(5);
    KlioMessage answer =
        KlioMessages.requestUpstream(
            KlioMessages.withAudit(
                KlioMessages.topDown("answered", false, false),
                new JobRef("waiting", "p"),
                Instant.now()),
            new JobRef("parent", "p"),
            new JobRef("waiting", "p"));
    TestStream<KlioMessage> messages =
        TestStream.create(ProtoCoder.of(KlioMessage.class))
            .addElements(
                KlioMessages.topDown("answered", false, false),
                KlioMessages.topDown("unanswered", false, false))
            .advanceProcessingTime(half)
            .addElements(answer)
            .advanceProcessingTime(half.plus(half)) // past both deadlines
            .advanceWatermarkToInfinity();

    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(messages)
        .apply("The parent answers", ParDo.of(new ParentAnswers(data.toString())))
        .setCoder(ProtoCoder.of(KlioMessage.class))
        .apply(
            JobExecution.transform(
                spec("waiting", true),
                counting("waiting"),
                perJobAskingParent("waiting", timeout)));
    RunSummary summary = run(pipeline, "waiting");

    assertThat(summary.count("waiting", JobCounters.REQUESTED_UPSTREAM)).isEqualTo(2);
    assertThat(summary.count("waiting", JobCounters.PROCESSED)).isEqualTo(1);
    assertThat(summary.count("waiting", ElementSerialJobDoFn.REQUESTS_UNANSWERED)).isEqualTo(1);
    assertThat(data.resolve("waiting/answered.txt")).exists();
  }

  /** Stands in for the parent: an answer (a message limited to jobs) finds the parent's output. */
  private static final class ParentAnswers extends DoFn<KlioMessage, KlioMessage> {
    private final String data;

    ParentAnswers(String data) {
      this.data = data;
    }

    @ProcessElement
    public void process(@Element KlioMessage message, OutputReceiver<KlioMessage> out)
        throws Exception {
      if (message.getMetadata().getIntendedRecipients().hasLimited()) {
        Path output = Path.of(data, "parent", KlioMessages.elementId(message) + ".txt");
        Files.createDirectories(output.getParent());
        Files.writeString(output, "made by parent");
      }
      out.output(message);
    }
  }
}
