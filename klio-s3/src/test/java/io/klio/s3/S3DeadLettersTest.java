package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.cli.ExitCodes;
import java.io.IOException;
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
 * {@code deadletters list|show|replay} over an {@code s3://} dead-letter location (S3Proxy), with
 * the {@link io.klio.s3.dag.TextJobs} DAG: {@code ingest} dead-letters the ids whose input is
 * missing; once two of three inputs are there, replay computes those two, archives all three
 * letters under {@code _replayed}, and the third gets a fresh letter. What {@code list} costs is
 * counted on the wire.
 */
@ExtendWith(S3ProxyExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DeadLettersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MISSING = List.of("m1", "m2", "m3");

  private TestBucket bucket;
  private Path config;
  private KlioRun run;
  private KlioRun list;
  private Map<String, Long> listRequests;
  private KlioRun countsOnly;
  private Map<String, Long> countsOnlyRequests;
  private KlioRun show;
  private KlioRun replay;

  @BeforeAll
  void runListShowReplay(TestBucket bucket, @TempDir Path dir) throws IOException {
    this.bucket = bucket;
    bucket.put(Map.of(bucket.url("in/a.txt"), "text a"));
    config =
        Files.writeString(
            dir.resolve("klio.yaml"),
            String.join(
                "\n",
                "vars:",
                "  data: " + bucket.root(),
                "deadLetters: ${data}/dead-letters",
                ""));
    run = klio("run", "--job", "ingest", "--id", "a", "--id", "m1", "--id", "m2", "--id", "m3");

    CountingS3ClientBuilderFactory.reset();
    list = klio("deadletters", "list", "--format", "json");
    listRequests = CountingS3ClientBuilderFactory.sent();
    System.out.println("S3 requests sent by deadletters list: " + listRequests);
    CountingS3ClientBuilderFactory.reset();
    countsOnly = klio("deadletters", "list", "--counts-only");
    countsOnlyRequests = CountingS3ClientBuilderFactory.sent();
    System.out.println("S3 requests sent by deadletters list --counts-only: " + countsOnlyRequests);
    show = klio("deadletters", "show", "--job", "ingest", "--id", "m2");

    bucket.put(Map.of(bucket.url("in/m1.txt"), "text m1", bucket.url("in/m2.txt"), "text m2"));
    replay = klio("deadletters", "replay", "--job", "ingest");
  }

  private KlioRun klio(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    all.addAll(bucket.pipelineArgs(CountingS3ClientBuilderFactory.class));
    return KlioRun.inProcess(all);
  }

  @Test
  void listCountsTheLettersOnS3WithOneListingPerFolderAndOneReadPerLetter() throws IOException {
    assertThat(run.status).as(run.toString()).isEqualTo(ExitCodes.DEAD_LETTERS);
    assertThat(list.status).as(list.toString()).isZero();
    JsonNode report = JSON.readTree(list.out.substring(list.out.indexOf('{')));
    assertThat(report.get("total").asInt()).isEqualTo(3);
    assertThat(report.get("byJob").get("ingest").asInt()).isEqualTo(3);
    assertThat(report.get("byReason"))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.get("reason").asText())
                  .isEqualTo(
                      "input missing: 'raw' at " + bucket.url("in/{id}.txt") + " (external data)");
              assertThat(reason.get("count").asInt()).isEqualTo(3);
            });
    assertThat(report.get("letters"))
        .allSatisfy(
            letter -> {
              assertThat(letter.get("attempts").asInt()).isZero();
              assertThat(letter.get("file").asText())
                  .startsWith(bucket.url("dead-letters/ingest/"));
            });
    // Five jobs and the run's own folder: one listing each, and each letter read.
    assertThat(listRequests)
        .isEqualTo(Map.of("ListObjectsV2", 6L, "HeadObject", 3L, "GetObject", 3L));
    assertThat(report.get("requests").get("listings").asInt()).isEqualTo(6);
    assertThat(report.get("requests").get("reads").asInt()).isEqualTo(3);
  }

  @Test
  void countsByJobNeedTheListingsAlone() {
    assertThat(countsOnly.status).as(countsOnly.toString()).isZero();
    assertThat(countsOnly.out)
        .contains("3 dead letter(s) (6 listing(s), 0 letter(s) read)")
        .containsPattern("\\s3  ingest\\n");
    assertThat(countsOnlyRequests).isEqualTo(Map.of("ListObjectsV2", 6L));
  }

  @Test
  void showReadsOneLetterFromS3() {
    assertThat(show.status).as(show.toString()).isZero();
    assertThat(show.out)
        .contains("job:      ingest")
        .contains("attempts: 0")
        .contains("summary:  input missing: 'raw' at " + bucket.url("in/m2.txt"))
        .contains("  element:    m2")
        .contains("  recipients: ");
  }

  @Test
  void replayComputesWhatIsFixedArchivesOnS3AndLeavesAFreshLetterForTheRest() {
    assertThat(replay.status).as(replay.toString()).isEqualTo(ExitCodes.DEAD_LETTERS);
    assertThat(replay.out)
        .contains("ingest: 3 replayed, 2 succeeded, 1 failed again")
        .contains("failed again: m3 (fresh letter ");
    assertThat(bucket.keys("ingest/"))
        .contains("ingest/m1.json", "ingest/m2.json")
        .doesNotContain("ingest/m3.json");
    assertThat(bucket.keys("dead-letters/ingest/"))
        .singleElement()
        .satisfies(key -> assertThat(key).startsWith("dead-letters/ingest/m3-"));
    assertThat(bucket.keys("dead-letters/_replayed/ingest/")).hasSize(3);
  }
}
