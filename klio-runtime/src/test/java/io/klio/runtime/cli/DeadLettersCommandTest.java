package io.klio.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.Klio;
import io.klio.runtime.message.KlioMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deadletters list|show|replay} in this JVM over {@link TestDag}, whose {@code
 * beat-tracking} fails for the ids in a system property the tests set: a run leaves letters, {@code
 * list} counts them, {@code show} prints one whole, and after the fix {@code replay} computes the
 * elements and archives their letters.
 */
class DeadLettersCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path dead;
  private Path config;

  @BeforeEach
  void dataAndConfig() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    for (String id : List.of("a", "b", "c", "<b>")) {
      Files.writeString(dir.resolve("in/" + id + ".txt"), "text of " + id);
    }
    dead = dir.resolve("dead");
    config =
        Files.writeString(
            dir.resolve("klio.yaml"),
            String.join(
                "\n",
                "vars:",
                "  data: " + dir,
                "deadLetters: ${data}/dead",
                "jobs:",
                "  beat-tracking:",
                "    retries: 1",
                "    retryDelay: 10ms",
                ""));
  }

  @AfterEach
  void noFailures() {
    System.clearProperty(TestDag.FAILING_IDS);
  }

  @Test
  void aRunLeavesLettersWithJobElementAttemptsTimeAndSummary() throws Exception {
    Instant before = Instant.now();
    failing("a,b,<b>");
    Cli run =
        klio(
            "run",
            "--dag",
            "--id",
            "a",
            "--id",
            "b",
            "--id",
            "c",
            "--id",
            "m",
            "--id",
            "<b>",
            "--id",
            "../x",
            "--config",
            config.toString());
    assertThat(run.status).as(run.toString()).isEqualTo(ExitCodes.DEAD_LETTERS);

    JsonNode a = letter("beat-tracking", "a");
    List<String> fields = new ArrayList<>();
    a.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly("job", "element", "reason", "summary", "attempts", "time", "message");
    assertThat(a.get("job").asText()).isEqualTo("beat-tracking");
    assertThat(a.get("element").asText()).isEqualTo("a");
    assertThat(a.get("attempts").asInt()).as("the first try and one retry").isEqualTo(2);
    assertThat(a.get("summary").asText())
        .isEqualTo("java.lang.IllegalStateException: beat tracking failed for a");
    assertThat(a.get("reason").asText())
        .startsWith(a.get("summary").asText() + "\n")
        .contains("\tat io.klio.runtime.cli.TestDag$BeatTracking.invoke");
    assertThat(Instant.parse(a.get("time").asText())).isBetween(before, Instant.now());
    byte[] message = Base64.getDecoder().decode(a.get("message").asText());
    assertThat(KlioMessages.elementId(KlioMessages.parse(message))).isEqualTo("a");

    JsonNode missing = letter("downsample", "m");
    assertThat(missing.get("attempts").asInt()).as("the method never ran").isZero();
    assertThat(missing.get("summary").asText()).startsWith("input missing: 'raw' at ");
  }

  @Test
  void hostileIdsLeaveLettersOnlyInsideTheLocation() throws IOException {
    failing("<b>");
    klio("run", "--dag", "--id", "<b>", "--id", "../x", "--config", config.toString());

    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    List<Path> letters =
        files.stream() // provenance records are JSON too, under .klio
            .filter(f -> f.toString().endsWith(".json") && !f.getParent().endsWith(".klio"))
            .toList();
    assertThat(letters)
        .hasSize(2)
        .allSatisfy(
            letter -> {
              assertThat(letter.startsWith(dead)).as(letter.toString()).isTrue();
              assertThat(letter.getFileName().toString()).matches("[A-Za-z0-9_-]+\\.json");
            });
    assertThat(letters)
        .anySatisfy(l -> assertThat(l.getParent()).isEqualTo(dead.resolve("_run")))
        .anySatisfy(l -> assertThat(l.getParent()).isEqualTo(dead.resolve("beat-tracking")));
    assertThat(letter("beat-tracking", "<b>").get("element").asText()).isEqualTo("<b>");
    assertThat(dir.resolveSibling("x.txt")).doesNotExist();
  }

  @Test
  void listCountsByJobAndByReasonAndListsTheNewestFirst() throws IOException {
    failing("a,b,<b>");
    klio(
        "run",
        "--dag",
        "--id",
        "a",
        "--id",
        "b",
        "--id",
        "c",
        "--id",
        "m",
        "--id",
        "<b>",
        "--id",
        "../x",
        "--config",
        config.toString());

    Cli list = klio("deadletters", "list", "--config", config.toString(), "--format", "json");
    assertThat(list.status).as(list.toString()).isZero();
    JsonNode report = JSON.readTree(list.out);
    assertThat(report.get("total").asInt()).isEqualTo(5);
    assertThat(counts(report.get("byJob")))
        .isEqualTo(Map.of("beat-tracking", 3L, "downsample", 1L, "(no job)", 1L));
    Map<String, Long> reasons = new TreeMap<>();
    report
        .get("byReason")
        .forEach(
            r ->
                reasons.put(
                    r.get("job").asText() + ": " + r.get("reason").asText(),
                    r.get("count").asLong()));
    assertThat(reasons)
        .containsEntry(
            "beat-tracking: java.lang.IllegalStateException: beat tracking failed for {id}", 3L);
    assertThat(reasons)
        .containsEntry(
            "downsample: input missing: 'raw' at " + dir + "/in/{id}.txt (external data)", 1L);
    assertThat(reasons).hasSize(3);
    assertThat(report.get("requests").get("listings").asInt()).as("one per folder").isEqualTo(3);
    assertThat(report.get("requests").get("reads").asInt()).isEqualTo(5);
    List<Instant> times = new ArrayList<>();
    report.get("letters").forEach(l -> times.add(Instant.parse(l.get("time").asText())));
    assertThat(times).hasSize(5).isSortedAccordingTo((x, y) -> y.compareTo(x));

    Cli byReason =
        klio(
            "deadletters",
            "list",
            "--config",
            config.toString(),
            "--reason",
            "BEAT TRACKING",
            "--limit",
            "1");
    assertThat(byReason.out)
        .contains("3 dead letter(s)")
        .contains("newest first (1 of 3)")
        .contains("beat-tracking: java.lang.IllegalStateException: beat tracking failed for {id}")
        .doesNotContain("downsample");

    Cli countsOnly =
        klio(
            "deadletters",
            "list",
            "--location",
            dead.toString(),
            "--job",
            "downsample",
            "--counts-only");
    assertThat(countsOnly.out).contains("1 dead letter(s) (1 listing(s), 0 letter(s) read)");
  }

  @Test
  void showPrintsTheWholeTraceAndTheDecodedMessage() throws IOException {
    failing("a");
    klio("run", "--dag", "--id", "a", "--config", config.toString());

    Cli show =
        klio(
            "deadletters",
            "show",
            "--job",
            "beat-tracking",
            "--id",
            "a",
            "--config",
            config.toString());
    assertThat(show.status).as(show.toString()).isZero();
    assertThat(show.out)
        .contains("job:      beat-tracking")
        .contains("attempts: 2")
        .contains("  java.lang.IllegalStateException: beat tracking failed for a")
        .contains("\tat io.klio.runtime.cli.TestDag$BeatTracking.invoke")
        .contains("  element:    a")
        .contains("  recipients: anyone (top-down)")
        .contains("  force:      false")
        .containsPattern("audit log: *\n +\\d{4}-\\d\\d-\\d\\dT[^ ]+Z  -downsample\n");
    Cli byFile = klio("deadletters", "show", "--file", letterFile("beat-tracking", "a").toString());
    assertThat(byFile.out).isEqualTo(show.out);
  }

  @Test
  void replayAfterTheFixComputesTheElementsAndArchivesTheirLetters() throws IOException {
    failing("a,b,<b>");
    klio(
        "run",
        "--dag",
        "--id",
        "a",
        "--id",
        "b",
        "--id",
        "m",
        "--id",
        "<b>",
        "--id",
        "../x",
        "--config",
        config.toString());
    Files.delete(dir.resolve("downsample/b.txt")); // bottom-up replay makes it again
    System.clearProperty(TestDag.FAILING_IDS);
    Files.writeString(dir.resolve("in/m.txt"), "text of m");

    Cli replay = klio("deadletters", "replay", "--config", config.toString());

    assertThat(replay.status).as(replay.toString()).isZero();
    for (String id : List.of("a", "b", "<b>")) {
      assertThat(Files.readString(dir.resolve("beat-tracking/" + id + ".txt")))
          .isEqualTo(Integer.toString(("TEXT OF " + id.toUpperCase()).length()));
    }
    assertThat(dir.resolve("downsample/m.txt")).hasContent("TEXT OF M");
    assertThat(replay.out)
        .contains("beat-tracking: 3 replayed, 3 succeeded, 0 failed again")
        .contains("downsample: 1 replayed, 1 succeeded, 0 failed again")
        .contains("skipped " + dead.resolve("_run"));
    assertThat(files(dead.resolve("beat-tracking"))).isEmpty();
    assertThat(files(dead.resolve("downsample"))).isEmpty();
    assertThat(files(dead.resolve("_run"))).as("a refused id stays refused").hasSize(1);
    assertThat(files(dead.resolve("_replayed/beat-tracking")))
        .hasSize(3)
        .allSatisfy(
            f ->
                assertThat(f.getFileName().toString())
                    .matches("[A-Za-z0-9_-]+-\\d{8}T\\d{6}\\.\\d{3}Z\\.json"));
    assertThat(files(dead.resolve("_replayed/downsample"))).hasSize(1);

    Cli again =
        klio("deadletters", "replay", "--config", config.toString(), "--job", "beat-tracking");
    assertThat(again.status).isZero();
    assertThat(again.out).contains("no dead letters to replay (job beat-tracking)");
  }

  @Test
  void anElementThatFailsAgainGetsAFreshLetter() throws IOException {
    failing("a,b");
    klio("run", "--job", "beat-tracking", "--id", "a", "--id", "b", "--config", config.toString());
    failing("a");
    String before = Files.readString(letterFile("beat-tracking", "a"));

    Cli replay =
        klio("deadletters", "replay", "--config", config.toString(), "--reason", "failed for");

    assertThat(replay.status).as(replay.toString()).isEqualTo(ExitCodes.DEAD_LETTERS);
    assertThat(replay.out)
        .contains("beat-tracking: 2 replayed, 1 succeeded, 1 failed again")
        .contains("failed again: a (fresh letter ");
    assertThat(dir.resolve("beat-tracking/b.txt")).exists();
    assertThat(Files.readString(letterFile("beat-tracking", "a"))).isNotEqualTo(before);
    assertThat(files(dead.resolve("beat-tracking"))).hasSize(1);
    assertThat(files(dead.resolve("_replayed/beat-tracking"))).hasSize(2);
  }

  @Test
  void dryRunSelectsByIdAndChangesNothing() throws IOException {
    failing("a,b");
    klio("run", "--job", "beat-tracking", "--id", "a", "--id", "b", "--config", config.toString());
    System.clearProperty(TestDag.FAILING_IDS);

    Cli dry =
        klio("deadletters", "replay", "--config", config.toString(), "--id", "b", "--dry-run");

    assertThat(dry.status).as(dry.toString()).isZero();
    assertThat(dry.out)
        .contains("would replay 1 letter(s) of beat-tracking: run --job" + " beat-tracking for b");
    assertThat(files(dead.resolve("beat-tracking"))).hasSize(2);
    assertThat(dead.resolve("_replayed")).doesNotExist();
    assertThat(dir.resolve("beat-tracking/b.txt")).doesNotExist();
  }

  @Test
  void badArgumentsExit2AndNothingSelectedIsNoError() {
    assertThat(
            klio("deadletters", "show", "--job", "beat-tracking", "--config", config.toString())
                .status)
        .isEqualTo(ExitCodes.USAGE);
    assertThat(klio("deadletters", "list", "--config", config.toString(), "--format", "xml").status)
        .isEqualTo(ExitCodes.USAGE);
    Cli unknown = klio("deadletters", "replay", "--config", config.toString(), "--job", "nope");
    assertThat(unknown.status).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err).contains("unknown job 'nope'");
    Cli noLocation = klio("deadletters", "list");
    assertThat(noLocation.status).isEqualTo(ExitCodes.USAGE);
    assertThat(noLocation.err).contains("no dead-letter location");
    assertThat(klio("deadletters").status).isEqualTo(ExitCodes.USAGE);

    Cli none = klio("deadletters", "replay", "--config", config.toString());
    assertThat(none.status).isZero();
    assertThat(none.out).contains("no dead letters to replay");
    Cli missing =
        klio(
            "deadletters",
            "show",
            "--job",
            "downsample",
            "--id",
            "zz",
            "--config",
            config.toString());
    assertThat(missing.status).isEqualTo(ExitCodes.FAILED);
  }

  private static void failing(String ids) {
    System.setProperty(TestDag.FAILING_IDS, ids);
  }

  private JsonNode letter(String job, String id) throws IOException {
    return JSON.readTree(letterFile(job, id).toFile());
  }

  /** The one letter of {@code job} whose element is {@code id}. */
  private Path letterFile(String job, String id) throws IOException {
    for (Path file : files(dead.resolve(job))) {
      if (id.equals(JSON.readTree(file.toFile()).get("element").asText())) {
        return file;
      }
    }
    throw new AssertionError(
        "no letter of " + job + " for " + id + " in " + files(dead.resolve(job)));
  }

  private static List<Path> files(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> counts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      counts.put(e.getKey(), e.getValue().asLong());
    }
    return counts;
  }

  private static Cli klio(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Klio.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  private record Cli(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
