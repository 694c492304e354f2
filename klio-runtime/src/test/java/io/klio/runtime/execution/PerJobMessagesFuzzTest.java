package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.FuzzInputs;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes what per-job mode does with the bytes of each Pub/Sub message, without a pipeline: the
 * parse step of {@link PerJobPipeline} ({@link Intake}), then the job's per-message handling
 * ({@link JobProcessor}: recipients, cycle guard, ping, skip, request upstream, compute, dead
 * letter), the two steps a message takes, with real files.
 *
 * <p>Inputs: random, truncated and mutated golden encodings, and valid messages with arbitrary and
 * hostile ids, routing, force and ping flags, and 0 to 4 earlier visits of the job. The job {@code
 * beat-tracking} reads the output of {@code downsample}, there for some ids and missing for others;
 * its data root is a plain path or a {@code file:} URI. Properties: nothing escapes; every message
 * ends in exactly one of passed on, dead letter with a reason, request to {@code downsample}, or
 * dropped because it is for other jobs; nothing is written outside the jobs' directories.
 */
class PerJobMessagesFuzzTest {
  private static final String JOB = "beat-tracking";
  private static final JobRef SELF = new JobRef(JOB, "p");
  private static final Map<String, long[]> OUTCOMES = new TreeMap<>();

  /** A sandbox; the data root lies four levels down so that a traversal would stay inside. */
  private static Path sandbox;

  private static Path data;
  private static JobProcessor onPath;
  private static JobProcessor onFileUri;
  private static long tries;

  @BeforeContainer
  static void startTheJob() throws Exception {
    sandbox = Files.createTempDirectory("klio-fuzz-");
    data = Files.createDirectories(sandbox.resolve("a/b/c/data"));
    onPath = processor(data.toString());
    onFileUri = processor("file://" + data);
  }

  @AfterContainer
  static void stopTheJob() throws IOException {
    onPath.tearDown();
    onFileUri.tearDown();
    List<Path> outside = filesOutsideTheJobs(true);
    System.out.printf(
        "fuzz per-job message handling: %d inputs tried: %s; files outside the"
            + " jobs' directories: %d%n",
        tries, describe(OUTCOMES), outside.size());
    try (Stream<Path> all = Files.walk(sandbox)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(outside).as("files written outside the jobs' directories").isEmpty();
  }

  private static JobProcessor processor(String root) throws Exception {
    JobSpec downsample =
        JobSpec.builder("downsample", "test#downsample")
            .output("${data}/downsample/{id}.txt", "java.lang.String", Codecs.utf8())
            .build();
    JobSpec beatTracking =
        JobSpec.builder(JOB, "test#beatTracking")
            .parents("downsample")
            .input(
                InputSpec.fromJob(
                    "in",
                    "downsample",
                    "${data}/downsample/{id}.txt",
                    "java.lang.String",
                    Codecs.utf8()))
            .output("${data}/" + JOB + "/{id}.txt", "java.lang.String", Codecs.utf8())
            .build();
    JobGraph graph = new JobGraph(List.of(downsample, beatTracking));
    Map<String, JobTopics> topics =
        Map.of(
            "downsample",
            new JobTopics(Optional.of("d-in"), Optional.of("d-in"), Optional.of("d-out")),
            JOB,
            new JobTopics(Optional.of("d-out"), Optional.of("b-in"), Optional.of("b-out")));
    RunSettings settings =
        new RunSettings(Map.of("data", root), Map.of(), false, "p")
            .withRequestRoutes(
                new RequestRoutePlanner(graph, topics).plan(JOB, Duration.ofMinutes(1)));
    JobProcessor processor =
        new JobProcessor(beatTracking, (target, inputs, id) -> "beats of " + inputs[0], settings);
    processor.setUp();
    return processor;
  }

  @Property(tries = 3_000)
  void everyMessageEndsPassedDeadLetteredRequestedOrDropped(
      @ForAll("bytes") byte[] bytes, @ForAll boolean inputThere, @ForAll boolean fileUri)
      throws Exception {
    tries++;
    Intake intake = Intake.of(JOB, bytes);
    if (!intake.parsed()) {
      assertThat(intake.deadLetter().reason())
          .startsWith("not a Klio message: ")
          .hasSizeGreaterThan(20);
      assertThat(intake.deadLetter().message()).isEqualTo(bytes);
      outcome("unparseable, dead letter");
      return;
    }
    KlioMessage message = intake.message();
    String id = KlioMessages.elementId(message);
    String root = fileUri ? "file://" + data : data.toString();
    if (inputThere) {
      writeInput(id, root);
    }
    JobProcessor.Outcome outcome = (fileUri ? onFileUri : onPath).process(List.of(message));

    int results =
        outcome.passed.size() + outcome.deadLetters.size() + outcome.upstreamRequests.size();
    assertThat(results).as("what became of " + id).isLessThanOrEqualTo(1);
    if (results == 0) {
      assertThat(KlioMessages.isRecipient(message, SELF))
          .as("dropped, so not for " + SELF)
          .isFalse();
      outcome("dropped, for other jobs");
    } else if (!outcome.deadLetters.isEmpty()) {
      DeadLetter letter = outcome.deadLetters.get(0);
      assertThat(letter.reason()).isNotBlank();
      assertThat(letter.elementId()).isEqualTo(id);
      assertThat(KlioMessages.parse(letter.message())).isEqualTo(message);
      outcome("dead letter: " + kindOf(letter.reason()));
    } else if (!outcome.upstreamRequests.isEmpty()) {
      assertThat(outcome.upstreamRequests.get(0).getKey()).isEqualTo("downsample");
      outcome("request to downsample");
    } else {
      KlioMessage passed = outcome.passed.get(0);
      assertThat(KlioMessages.elementId(passed)).isEqualTo(id);
      assertThat(KlioMessages.visitCount(passed, SELF))
          .isEqualTo(KlioMessages.visitCount(message, SELF) + 1);
      outcome(message.getMetadata().getPing() ? "passed, ping" : "passed");
    }
    assertThat(filesOutsideTheJobs(false))
        .as("files outside the jobs' directories after " + id)
        .isEmpty();
  }

  /** What downsample would have written for {@code id}, if the id is one a location takes. */
  private static void writeInput(String id, String root) throws IOException {
    String input;
    try {
      input = Locations.render("${data}/downsample/{id}.txt", id, Map.of("data", root));
    } catch (IllegalArgumentException unsafe) {
      return;
    }
    Storage.writeAtomically(input, out -> out.write(id.getBytes(StandardCharsets.UTF_8)));
  }

  /** Small hostile bytes, and valid messages that visited the job 0 to 4 times already. */
  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> messages =
        Combinators.combine(FuzzInputs.messages(), Arbitraries.integers().between(0, 4))
            .as(
                (message, visits) -> {
                  KlioMessage m = message;
                  for (int i = 0; i < visits; i++) {
                    m = KlioMessages.withAudit(m, SELF, Instant.ofEpochSecond(1_700_000_000L));
                  }
                  return KlioMessages.toBytes(m);
                });
    return Arbitraries.oneOf(FuzzInputs.smallInputs(), messages, messages);
  }

  /**
   * Files anywhere in the sandbox but directly in the two jobs' directories, and files there that
   * are left-over temporaries or directories. {@code everything}: also look into the jobs'
   * directories (slow once they hold thousands of outputs).
   */
  /**
   * Files anywhere but directly in a job's directory, or directly in the directory of its outputs'
   * provenance records ({@code <job>/.klio/}).
   */
  private static List<Path> filesOutsideTheJobs(boolean everything) throws IOException {
    List<Path> jobs = List.of(data.resolve("downsample"), data.resolve(JOB));
    List<Path> records = List.of(data.resolve("downsample/.klio"), data.resolve(JOB + "/.klio"));
    List<Path> outside = new ArrayList<>();
    Files.walkFileTree(
        sandbox,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (records.contains(dir)) {
              return FileVisitResult.CONTINUE;
            }
            if (jobs.contains(dir.getParent())) {
              outside.add(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return jobs.contains(dir) && !everything
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            boolean output =
                jobs.contains(file.getParent()) && !file.getFileName().toString().startsWith(".");
            boolean record = records.contains(file.getParent());
            if (!output && !record) {
              outside.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return outside;
  }

  private static String kindOf(String reason) {
    if (reason.startsWith("unsafe element id")) {
      return "unsafe id";
    }
    return reason.startsWith("cycle guard") ? "cycle guard" : reason.lines().findFirst().orElse("");
  }

  private static void outcome(String kind) {
    OUTCOMES.computeIfAbsent(kind, k -> new long[1])[0]++;
    Statistics.collect(kind);
  }

  private static String describe(Map<String, long[]> outcomes) {
    List<String> parts = new ArrayList<>();
    outcomes.forEach((kind, n) -> parts.add(n[0] + " " + kind));
    return String.join(", ", parts);
  }
}
