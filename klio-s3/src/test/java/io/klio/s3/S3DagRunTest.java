package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code TextJobs} DAG through the {@code klio run} command line, once on local disk and once
 * on S3 (ids file, inputs and outputs in the bucket), then again on S3 with nothing to compute.
 */
@ExtendWith(S3ProxyExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DagRunTest {
  private static final int IDS = 20;
  private static final int BATCH_SIZE = 10;
  private static final int BATCHES = IDS / BATCH_SIZE;

  private final TextCatalogue catalogue = new TextCatalogue("doc", IDS);
  private TestBucket bucket;
  private Path disk;
  private KlioRun onDisk;
  private KlioRun onS3;
  private Map<String, Long> sentOnS3;
  private KlioRun againOnS3;

  @BeforeAll
  void runTheDag(TestBucket bucket, @TempDir Path dir) throws IOException {
    this.bucket = bucket;
    disk = dir;
    catalogue.writeTo(disk);
    onDisk = run(disk.resolve("ids.txt").toString(), disk.toString(), List.of());

    catalogue.writeTo(bucket);
    List<String> s3Options = bucket.pipelineArgs(CountingS3ClientBuilderFactory.class);
    CountingS3ClientBuilderFactory.reset();
    onS3 = run(bucket.url("ids.txt"), bucket.root(), s3Options);
    sentOnS3 = CountingS3ClientBuilderFactory.sent();
    System.out.println("S3 requests sent by the first run: " + sentOnS3);
    againOnS3 = run(bucket.url("ids.txt"), bucket.root(), s3Options);
  }

  private static KlioRun run(String ids, String data, List<String> options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--dag",
                "--ids",
                ids,
                "--batch-size",
                Integer.toString(BATCH_SIZE),
                "--var",
                "data=" + data));
    args.addAll(options);
    return KlioRun.inProcess(args);
  }

  @Test
  void everyJobProcessesEveryElementOnceOnDiskAndOnS3() {
    for (KlioRun run : List.of(onDisk, onS3)) {
      assertThat(run.status).as(run.toString()).isZero();
      for (String job : TextCatalogue.JOBS) {
        assertThat(run.count(job, "processed")).as(job + "\n" + run).isEqualTo(IDS);
        assertThat(run.count(job, "dead-lettered")).as(job).isZero();
      }
    }
  }

  @Test
  void theOutputsOnS3AreByteForByteThoseOnDisk() throws Exception {
    for (String job : TextCatalogue.JOBS) {
      for (String id : catalogue.ids) {
        String output = TextCatalogue.output(job, id);
        byte[] local = Files.readAllBytes(disk.resolve(output));
        byte[] remote;
        try (InputStream in = Storage.open(bucket.url(output))) {
          remote = in.readAllBytes();
        }
        assertThat(remote).as(output).isEqualTo(local);
        assertThat(TextCatalogue.decode(job, remote))
            .as(output)
            .isEqualTo(catalogue.expected(job, id));
      }
    }
  }

  @Test
  void onS3EachJobAsksAboutABatchOfOutputsWithOneListing() {
    for (String job : TextCatalogue.JOBS) {
      int inputs = TextCatalogue.INPUTS.get(job);
      // per element: read the inputs, write the output (3) and its record (1)
      long readsAndWrites = (long) IDS * (inputs + 3 + 1);
      // per batch, nothing existing yet: one listing for the outputs and one for their records
      // (the parents' records were written in the batch); ingest, which reads external data, one
      // more for the data's stamps (size and write time)
      long checks = BATCHES * (job.equals("ingest") ? 3 : 2);
      assertThat(onS3.count(job, "storage-requests")).as(job).isEqualTo(checks + readsAndWrites);
      // On disk every output and stamp is asked about by itself, a record and its pending mark
      // are looked for (2), and a write is one request (a rename).
      long stamps = job.equals("ingest") ? IDS : 0;
      assertThat(onDisk.count(job, "storage-requests"))
          .as(job)
          .isEqualTo(IDS + 2 * IDS + stamps + (long) IDS * (inputs + 1 + 1));
    }
    assertThat(sentOnS3)
        .containsEntry("ListObjectsV2", (long) BATCHES * (2 * TextCatalogue.JOBS.size() + 1));
  }

  @Test
  void aSecondRunOnS3ComputesNothing() {
    assertThat(againOnS3.status).as(againOnS3.toString()).isZero();
    for (String job : TextCatalogue.JOBS) {
      assertThat(againOnS3.count(job, "processed")).as(job).isZero();
      assertThat(againOnS3.count(job, "skipped-output-exists")).as(job).isEqualTo(IDS);
      // All outputs exist: one listing page per batch answers it, where lookups would send one
      // request per id.
      assertThat(againOnS3.count(job, "storage-requests")).as(job).isEqualTo(BATCHES);
    }
  }
}
