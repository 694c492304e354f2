package io.klio.benchmarks;

import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What Klio's own checks cost per element and job (JMH, run by {@link ChecksSection}): parsing a
 * message, the recipient check, the audit entry, the element id check, rendering a location, and
 * the skip check, batched like a whole-DAG run does it, beside the plain {@code Files.exists} a
 * hand-written pipeline would call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KlioChecksBenchmark {
  static final int BATCH = 100;

  private final JobRef self = new JobRef("energy", "my-project");
  private final Map<String, String> variables = Map.of("data", "/mnt/audio");
  private KlioMessage message;
  private byte[] bytes;
  private Path folder;
  private List<String> outputs;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    KlioMessage received = KlioMessages.topDown("track-00012345", false, false);
    received =
        KlioMessages.withAudit(received, new JobRef("downsample", "my-project"), Instant.now());
    received =
        KlioMessages.withAudit(received, new JobRef("beat-tracking", "my-project"), Instant.now());
    message = received;
    bytes = KlioMessages.toBytes(received);
    // A batch's outputs, half of them there: the skip check of a rerun after a partial run.
    folder = Files.createTempDirectory("klio-checks-");
    outputs = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      Path output = folder.resolve(String.format("track-%08d.json", i));
      if (i % 2 == 0) {
        Files.writeString(output, "{}");
      }
      outputs.add(output.toString());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Folders.delete(folder);
  }

  @Benchmark
  public KlioMessage parseMessage() throws Exception {
    return KlioMessages.parse(bytes);
  }

  @Benchmark
  public byte[] encodeMessage() {
    return KlioMessages.toBytes(message);
  }

  @Benchmark
  public boolean recipientCheck() {
    return KlioMessages.isRecipient(message, self);
  }

  @Benchmark
  public int cycleGuard() {
    return KlioMessages.visitCount(message, self);
  }

  @Benchmark
  public KlioMessage auditAndPassOn() {
    return KlioMessages.resumeTopDownAt(KlioMessages.withAudit(message, self, Instant.now()), self);
  }

  @Benchmark
  public String elementIdCheck() {
    String id = "track-00012345";
    Locations.checkElementId(id);
    return id;
  }

  @Benchmark
  public String renderLocation() {
    return Locations.render("${data}/energy/{id}.json", "track-00012345", variables);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Set<String> skipCheckKlio() throws IOException {
    return Storage.existing(outputs, RequestCounter.NONE);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int skipCheckFilesExists() {
    int present = 0;
    for (String output : outputs) {
      if (Files.exists(Path.of(output))) {
        present++;
      }
    }
    return present;
  }
}
