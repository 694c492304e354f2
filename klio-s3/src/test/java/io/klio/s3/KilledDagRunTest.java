package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.Klio;
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
 */
@ExtendWith(S3ProxyExtension.class)
class KilledDagRunTest {
  private static final int IDS = 12;
  private static final int BATCH_SIZE = 3;
  /** Temporary objects: {@code <dir>/.<name>.klio-<uuid>.tmp}. */
  private static final Pattern TEMPORARY =
      Pattern.compile("(.*/)\\.(.+)\\.klio-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

  private final TextCatalogue catalogue = new TextCatalogue("track", IDS);
  /** Output path (relative to the prefix) to its job and element. */
  private final Map<String, String[]> outputs = new HashMap<>();

  @Test
  void aKilledRunLeavesOnlyCompleteOutputsAndTheNextRunComputesWhatIsMissing(
      TestBucket bucket, @TempDir Path dir) throws Exception {
    bucket.useForStorage();
    catalogue.writeTo(bucket);
    for (String job : TextCatalogue.JOBS) {
      catalogue.ids.forEach(id -> outputs.put(TextCatalogue.output(job, id), new String[] {job, id}));
    }
    List<String> run = new ArrayList<>(List.of("run", "--dag", "--ids", bucket.url("ids.txt"),
        "--batch-size", Integer.toString(BATCH_SIZE), "--var", "data=" + bucket.root()));
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
    assertThat(written.get("words")).as("the kill came half-way through the slow job").isBetween(3, IDS - 1);

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
  }

  private static Process startChild(List<String> klioArgs, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-D" + TextJobs.SLOW_WORDS_MILLIS + "=400",
        "-cp", System.getProperty("java.class.path"),
        Klio.class.getName()));
    command.addAll(klioArgs);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
        throw new AssertionError("the run ended before it wrote " + count + " words outputs:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " words outputs within " + timeout + ":\n" + Files.readString(log));
  }

  /**
   * Checks every object under the prefix: an input, a complete output (it decodes to the value
   * its job makes), or a complete temporary object that a kill between the copy into place and
   * the delete left. Returns how many outputs each job has.
   */
  private Map<String, Integer> checkEveryObjectIsComplete(TestBucket bucket) throws Exception {
    Map<String, Integer> perJob = new TreeMap<>();
    int temporary = 0;
    for (String key : bucket.keys("")) {
      if (TextCatalogue.isInput(key)) {
        continue;
      }
      Matcher matcher = TEMPORARY.matcher(key);
      String output = matcher.matches() ? matcher.group(1) + matcher.group(2) : key;
      String[] jobAndId = outputs.get(output);
      assertThat(jobAndId).as("an object that is neither an input nor an output: " + key).isNotNull();
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
