package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL in the middle of {@code Storage.writeAtomically}'s upload leaves
 * nothing under the final name, and no temporary object either.
 */
@ExtendWith(S3ProxyExtension.class)
class KilledUploadTest {
  private static final long SIZE = 64L << 20;

  /** Beam's smallest part size, so that the upload takes many parts. */
  private static final int PART_SIZE = 5 << 20;

  @Test
  void aKillMidUploadLeavesNothingUnderTheFinalName(TestBucket bucket, @TempDir Path dir)
      throws Exception {
    bucket.useForStorage();
    String location = bucket.url("big/object.bin");
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dklio.test.printRequests=true",
                "-cp",
                System.getProperty("java.class.path"),
                LargeObjectWriter.class.getName(),
                location,
                Long.toString(SIZE),
                "--s3UploadBufferSizeBytes=" + PART_SIZE));
    command.addAll(bucket.pipelineArgs(CountingS3ClientBuilderFactory.class));
    Path log = dir.resolve("writer.log");
    Process writer =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // The child prints each request as its client sends it: kill it while it sends part 2 of 13.
      awaitLine(writer, log, "request UploadPart", 2, Duration.ofSeconds(90));
    } finally {
      writer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    assertThat(output)
        .as(output)
        .doesNotContain("request CompleteMultipartUpload")
        .doesNotContain("written");
    assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    assertThat(Storage.exists(location)).isFalse();
    assertThat(bucket.keys("big/")).as("objects under the written prefix").isEmpty();
  }

  private static void awaitLine(Process process, Path log, String line, int times, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log);
      if (lines.stream().filter(line::equals).count() >= times) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the writer ended before '" + line + "' x" + times + ":\n" + String.join("\n", lines));
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no '" + line + "' x" + times + " within " + timeout + ":\n" + Files.readString(log));
  }
}
