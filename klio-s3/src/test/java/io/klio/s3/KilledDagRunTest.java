package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.Klio;
import io.klio.runtime.provenance.OutputRecords;
import io.klio.runtime.provenance.ProvenanceRecord;
import io.klio.runtime.provenance.RecordLayout;
import io.klio.runtime.storage.Hashes;
import io.klio.runtime.storage.Storage;
import io.klio.s3.dag.TextJobs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-DAG run on S3 in a JVM of its own, killed with SIGKILL while its slow job is half-way:
 * every output it left is complete, and the next run computes exactly the outputs that are missing.
 * Then every input is replaced and a {@code run --stale}, which replaces every output, is killed
 * half-way too: no output is left with a record that describes other bytes than its own, and {@code
 * plan --stale} and the run after it agree on what is left to recompute.
 */
@ExtendWith(S3ProxyExtension.class)
class KilledDagRunTest {
  private static final int IDS = 12;
  private static final int BATCH_SIZE = 3;

  /** Temporary objects: {@code <dir>/.<name>.klio-<uuid>.tmp}. */
  private static final Pattern TEMPORARY =
      Pattern.compile(
          "(.*/)\\.(.+)\\.klio-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

  /** Provenance records and pending marks: {@code <dir>/.klio/<output name>/<file>}. */
  private static final Pattern RECORD = Pattern.compile("(.*/)\\.klio/([^/]+)/([^/]+)");

  private final TextCatalogue catalogue = new TextCatalogue("track", IDS);

  /** Output path (relative to the prefix) to its job and element. */
  private final Map<String, String[]> outputs = new HashMap<>();

  @Test
  void aKilledRunLeavesOnlyCompleteOutputsAndTheNextRunComputesWhatIsMissing(
      TestBucket bucket, @TempDir Path dir) throws Exception {
    bucket.useForStorage();
    catalogue.writeTo(bucket);
    for (String job : TextCatalogue.JOBS) {
      catalogue.ids.forEach(
          id -> outputs.put(TextCatalogue.output(job, id), new String[] {job, id}));
    }
    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                "--dag",
                "--ids",
                bucket.url("ids.txt"),
                "--batch-size",
                Integer.toString(BATCH_SIZE),
                "--var",
                "data=" + bucket.root()));
    run.addAll(bucket.pipelineArgs());

    Process first = startChild(run, dir.resolve("first.log"));
    try {
      awaitWordsOutputs(bucket, first, dir.resolve("first.log"), 3, Duration.ofSeconds(180));
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    Map<String, Integer> written = checkEveryObjectIsComplete(bucket);
    System.out.println("outputs per job after the kill: " + written);
    assertThat(written.get("words"))
        .as("the kill came half-way through the slow job")
        .isBetween(3, IDS - 1);

    KlioRun second = KlioRun.inProcess(run);
    assertThat(second.status).as(second.toString()).isZero();
    for (String job : TextCatalogue.JOBS) {
      int missing = IDS - written.getOrDefault(job, 0);
      assertThat(second.count(job, "processed")).as(job + "\n" + second).isEqualTo(missing);
      assertThat(second.count(job, "skipped-output-exists")).as(job).isEqualTo(IDS - missing);
    }
    Map<String, Integer> complete = checkEveryObjectIsComplete(bucket);
    for (String job : TextCatalogue.JOBS) {
      assertThat(complete.get(job)).as(job).isEqualTo(IDS);
    }
    // A kill between an output and its record leaves the output without one; the second run
    // skips such an output, as it exists, and does not mark it pending.
    Map<String, Integer> afterTwoRuns = checkNoOutputClaimsAWrongRecord(bucket);
    System.out.println("records after the second run: " + afterTwoRuns);
    assertThat(afterTwoRuns).doesNotContainKey("pending");
    assertThat(
            afterTwoRuns.getOrDefault("described", 0)
                + afterTwoRuns.getOrDefault("without a record", 0))
        .isEqualTo(IDS * TextCatalogue.JOBS.size());

    // Replace every input: every output becomes stale; kill the run that replaces them.
    Map<String, String> replaced = new HashMap<>();
    catalogue.ids.forEach(id -> replaced.put(bucket.url("in/" + id + ".txt"), "replaced " + id));
    bucket.put(replaced);
    List<String> before = bucket.keys("words/.klio/");
    List<String> stale = new ArrayList<>(run);
    stale.add("--stale");
    // outputs without a record count as stale here: they may hold anything
    Path config = Files.writeString(dir.resolve("klio.yaml"), "provenance:\n  unrecorded: stale\n");
    stale.addAll(List.of("--config", config.toString()));
    Process third = startChild(stale, dir.resolve("third.log"));
    try {
      awaitNewRecords(bucket, before, third, dir.resolve("third.log"), 3, Duration.ofSeconds(180));
    } finally {
      third.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Map<String, Integer> states = checkNoOutputClaimsAWrongRecord(bucket);
    System.out.println("records after the killed --stale run: " + states);

    List<String> plan = new ArrayList<>(stale);
    plan.set(0, "plan");
    KlioRun planned = KlioRun.inProcess(plan);
    KlioRun rest = KlioRun.inProcess(stale);
    assertThat(rest.status).as(rest.toString()).isZero();
    for (String job : TextCatalogue.JOBS) {
      long processed = rest.count(job, "processed");
      assertThat(processed).as(job + " still stale after the kill").isPositive();
      assertThat(planned.out)
          .as(job)
          .containsPattern("(?m)^" + job + "\\s+" + processed + "\\s+0\\s+" + processed + "\\s");
    }
    assertThat(checkNoOutputClaimsAWrongRecord(bucket).get("described"))
        .isEqualTo(IDS * TextCatalogue.JOBS.size());
  }

  /**
   * Checks that an output's record, where it has exactly one and no pending mark, describes the
   * output's bytes. Returns how many outputs are described, marked pending, or without a record.
   */
  private Map<String, Integer> checkNoOutputClaimsAWrongRecord(TestBucket bucket) throws Exception {
    Map<String, List<String>> recordsByOutput = new TreeMap<>();
    for (String key : bucket.keys("")) {
      Matcher record = RECORD.matcher(key);
      if (record.matches()) {
        recordsByOutput
            .computeIfAbsent(record.group(1) + record.group(2), o -> new ArrayList<>())
            .add(record.group(3));
      }
    }
    Map<String, Integer> states = new TreeMap<>();
    for (String output : outputs.keySet()) {
      OutputRecords records = new OutputRecords(recordsByOutput.getOrDefault(output, List.of()));
      if (!Storage.exists(bucket.url(output))) {
        continue;
      }
      if (records.key().isEmpty()) {
        states.merge(records.pending() ? "pending" : "without a record", 1, Integer::sum);
        continue;
      }
      byte[] bytes;
      try (InputStream in = Storage.open(bucket.url(output))) {
        bytes = in.readAllBytes();
      }
      ProvenanceRecord record;
      try (InputStream in =
          Storage.open(
              bucket.url(RecordLayout.directory(output) + records.recordName().orElseThrow()))) {
        record = ProvenanceRecord.parse(in.readAllBytes());
      }
      assertThat(record.outputSha256())
          .as("the record of " + output)
          .isEqualTo(Hashes.hex(Hashes.sha256().digest(bytes)));
      states.merge("described", 1, Integer::sum);
    }
    return states;
  }

  private static void awaitNewRecords(
      TestBucket bucket, List<String> before, Process run, Path log, int count, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> now = new ArrayList<>(bucket.keys("words/.klio/"));
      now.removeAll(before);
      if (now.stream().filter(k -> k.endsWith(".json")).count() >= count) {
        return;
      }
      if (!run.isAlive()) {
        throw new AssertionError(
            "the run ended before it replaced "
                + count
                + " words outputs:\n"
                + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no "
            + count
            + " words outputs replaced within "
            + timeout
            + ":\n"
            + Files.readString(log));
  }

  private static Process startChild(List<String> klioArgs, Path log) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-D" + TextJobs.SLOW_WORDS_MILLIS + "=400",
                "-cp",
                System.getProperty("java.class.path"),
                Klio.class.getName()));
    command.addAll(klioArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitWordsOutputs(
      TestBucket bucket, Process run, Path log, int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long written = bucket.keys("words/").stream().filter(k -> !k.startsWith("words/.")).count();
      if (written >= count) {
        return;
      }
      if (!run.isAlive()) {
        throw new AssertionError(
            "the run ended before it wrote " + count + " words outputs:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no " + count + " words outputs within " + timeout + ":\n" + Files.readString(log));
  }

  /**
   * Checks every object under the prefix: an input, a complete output (it decodes to the value its
   * job makes), or a complete temporary object that a kill between the copy into place and the
   * delete left. Returns how many outputs each job has.
   */
  private Map<String, Integer> checkEveryObjectIsComplete(TestBucket bucket) throws Exception {
    Map<String, Integer> perJob = new TreeMap<>();
    int temporary = 0;
    for (String key : bucket.keys("")) {
      if (TextCatalogue.isInput(key)) {
        continue;
      }
      Matcher record = RECORD.matcher(key);
      if (record.matches()) { // checked by checkNoOutputClaimsAWrongRecord
        assertThat(outputs)
            .as("a record of no output: " + key)
            .containsKey(record.group(1) + record.group(2));
        continue;
      }
      Matcher matcher = TEMPORARY.matcher(key);
      String output = matcher.matches() ? matcher.group(1) + matcher.group(2) : key;
      String[] jobAndId = outputs.get(output);
      assertThat(jobAndId)
          .as("an object that is neither an input nor an output: " + key)
          .isNotNull();
      byte[] stored;
      try (InputStream in = Storage.open(bucket.url(key))) {
        stored = in.readAllBytes();
      }
      assertThat(TextCatalogue.decode(jobAndId[0], stored))
          .as(key)
          .isEqualTo(catalogue.expected(jobAndId[0], jobAndId[1]));
      if (matcher.matches()) {
        temporary++;
      } else {
        perJob.merge(jobAndId[0], 1, Integer::sum);
      }
    }
    System.out.println("complete temporary objects left: " + temporary);
    return perJob;
  }
}
