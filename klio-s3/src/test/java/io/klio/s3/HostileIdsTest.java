package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.cli.ExitCodes;
import io.klio.runtime.storage.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Hostile element ids through {@code klio run}, the {@link io.klio.s3.dag.TextJobs} DAG, on local
 * disk and on S3 (S3Proxy): traversal, absolute paths, schemes, percent-encoding, NUL and control
 * characters, a 10 kB id and other ids too long for a file name, Unicode look-alikes of '/' and
 * '.', empty, '.', '..', whitespace, a lone surrogate, and an argument file ({@code @file}). Each
 * store runs them twice: every id as {@code --id}, and the ids a file can hold in an id file,
 * bottom-up. On disk the first run is {@code --dag} and the second {@code --job summary} on a
 * {@code file:} URI data root; on S3, where every write is several requests, {@code --job ingest}
 * and {@code --job upper}.
 *
 * <p>Refused ids must end as dead letters with the reason (the S3 runs keep theirs on local disk,
 * which saves S3 requests: a letter's file name is made of safe characters whatever its id);
 * accepted ids must land exactly at their locations; and nothing may appear anywhere else: the
 * sandbox directory, the whole bucket and the server's own storage directory are listed before and
 * after.
 */
@ExtendWith(S3ProxyExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileIdsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Odd ids that each name one file: look-alikes, escapes and punctuation taken literally. */
  private static final List<String> ACCEPTED =
      List.of(
          "\u2215etc\u2215x",
          "\uff0e\uff0e",
          "\u2024\u2024",
          "\u2025",
          "\uff0fx",
          "%2e%2e",
          "%2e%2e%2F%2e%2e%2Fescaped",
          "a%2Fb",
          "%2F",
          "%zz",
          "a#b",
          "a&b=c",
          "it's",
          "q\"q",
          "<x>|y;z",
          "\u00a0",
          "\u200b",
          "\u202eevil",
          "\ud83c\udfb5",
          "E\u0301",
          "\u00c9",
          "-x",
          "CON",
          "y".repeat(200));

  private static final Map<String, List<String>> OUTPUTS =
      Map.of(
          "ingest",
          List.of("ingest/", ".json"),
          "upper",
          List.of("upper/", ".txt"),
          "reversed",
          List.of("reversed/", ".bin"),
          "words",
          List.of("words/", ".json"),
          "summary",
          List.of("summary/", ".txt"));
  private static final List<String> DAG =
      List.of("ingest", "upper", "reversed", "words", "summary");
  private static final List<String> UP_TO_SUMMARY = List.of("ingest", "upper", "words", "summary");
  private static final List<String> UP_TO_UPPER = List.of("ingest", "upper");

  private Path dir;
  private final List<Outcome> outcomes = new ArrayList<>();

  /** Ids that must be refused; {@code elsewhere} is an absolute path where nothing may appear. */
  private List<String> rejected(String elsewhere, Path argFile) {
    return List.of(
        "../escaped",
        "../../../../escaped",
        "..\\escaped",
        "a/../../escaped",
        "/etc/x",
        elsewhere,
        "file:" + elsewhere,
        "file:///etc/x",
        "s3://" + TestBucket.BUCKET + "/escaped/x",
        "gs://bucket/x",
        "a\u0000b",
        "a\u0001b",
        "a\tb",
        "a\nb",
        "a\u007fb",
        "a\u0085b",
        "\u3000",
        "x".repeat(10_240),
        "x".repeat(300),
        "\u00e9".repeat(200),
        "y".repeat(252),
        "",
        ".",
        "..",
        "   ",
        ".hidden",
        "~",
        "*",
        "a?b",
        "[x]",
        "{id}",
        "\ud800x",
        "@" + argFile);
  }

  @BeforeAll
  void runTheIds(TestBucket byId, TestBucket byFile, @TempDir Path dir) throws IOException {
    this.dir = dir;
    Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
    Path data = Files.createDirectories(sandbox.resolve("a/b/c/data")); // ../ x4 stays inside
    Path fileRunData = Files.createDirectories(sandbox.resolve("d/e/f/data"));
    String elsewhere = sandbox.resolve("escaped/abs").toString();

    Store disk = new Disk(sandbox);
    Path diskArgFile = argFile("disk", sandbox.resolve("hijacked").toString());
    outcomes.add(
        run(disk, "disk, --id", data.toString(), rejected(elsewhere, diskArgFile), null, DAG));
    outcomes.add(
        run(
            disk,
            "disk, --ids on a file: URI",
            "file://" + fileRunData,
            rejected(elsewhere, diskArgFile),
            "summary",
            UP_TO_SUMMARY));

    Store s3 = new S3(byId, dir.resolve("s3-dead-letters"));
    Path s3ArgFile = argFile("s3", byId.root() + "-hijacked");
    outcomes.add(
        run(
            s3,
            "S3, --id",
            byId.root(),
            rejected(elsewhere, s3ArgFile),
            "ingest",
            List.of("ingest")));
    outcomes.add(
        run(
            new S3(byFile, dir.resolve("s3-dead-letters")),
            "S3, --ids",
            byFile.root(),
            rejected(elsewhere, s3ArgFile),
            "upper",
            UP_TO_UPPER));
    outcomes.forEach(
        o ->
            System.out.printf(
                "%s: %d ids (%d accepted, %d refused), %d new"
                    + " files or objects, %d of them outside the expected outputs and dead letters%n",
                o.name,
                o.accepted.size() + o.rejected.size(),
                o.accepted.size(),
                o.rejected.size(),
                o.created.size(),
                o.outside().size()));
  }

  /** An argument file that, if read as one, adds an id and moves the data root. */
  private Path argFile(String name, String hijackedData) throws IOException {
    return Files.writeString(dir.resolve(name + ".args"), "x --var data=" + hijackedData + "\n");
  }

  /**
   * One run of {@code --job job} ({@code --dag} if null) that computes {@code jobs}: with {@code
   * job} null or {@code ingest}, every id as {@code --id}; else the ids a file can hold, in a file.
   */
  private Outcome run(
      Store store, String name, String data, List<String> rejected, String job, List<String> jobs)
      throws IOException {
    boolean idFile = job != null && !job.equals("ingest");
    List<String> accepted = ACCEPTED.stream().filter(id -> !idFile || inAFile(id)).toList();
    List<String> refused = rejected.stream().filter(id -> !idFile || inAFile(id)).toList();
    for (String id : accepted) {
      store.put(data, "in/" + id + ".txt", "text of " + id + "\n");
    }
    List<String> args = new ArrayList<>(List.of("run", "--config", config(store, data).toString()));
    if (!idFile) {
      args.addAll(job == null ? List.of("--dag") : List.of("--job", job));
      for (String id : refused) {
        args.add("--id");
        args.add(id);
      }
      accepted.forEach(id -> args.addAll(List.of("--id", id)));
    } else {
      List<String> all = new ArrayList<>(refused);
      all.addAll(accepted);
      String ids = store.put(data, "ids.txt", String.join("\n", all));
      args.addAll(List.of("--job", job, "--ids", ids));
    }
    args.addAll(List.of("--var", "data=" + data));
    args.add("--no-report"); // only outputs, records and dead letters may appear
    args.addAll(store.pipelineArgs());
    Set<String> before = store.everything();
    KlioRun run = KlioRun.inProcess(args);
    Set<String> created = new TreeSet<>(store.everything());
    created.removeAll(before);

    Set<String> expected = new TreeSet<>();
    for (String id : accepted) {
      for (String j : jobs) {
        expected.add(store.name(data, OUTPUTS.get(j).get(0) + id + OUTPUTS.get(j).get(1)));
      }
    }
    return new Outcome(
        name,
        run,
        accepted,
        refused,
        created,
        expected,
        store.name(data, "dead-letters/"),
        store.name(data, ""),
        deadLetters(Path.of(store.deadLetters(data).replaceFirst("^file://", ""))));
  }

  /**
   * The run's klio.yaml: its dead letters, and four elements at once per job (S3 requests wait on
   * the server more than on the CPU).
   */
  private Path config(Store store, String data) throws IOException {
    return Files.writeString(
        Files.createTempFile(dir, "klio", ".yaml"),
        String.join(
            "\n",
            "deadLetters: " + store.deadLetters(data),
            "jobs:",
            "  ingest:",
            "    maxConcurrency: 4",
            "  upper:",
            "    maxConcurrency: 4",
            ""));
  }

  /** The dead letters stored under {@code root}, as element id to reason. */
  private static Map<String, String> deadLetters(Path root) throws IOException {
    Map<String, String> letters = new TreeMap<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
          JsonNode letter = JSON.readTree(file.toFile());
          letters.put(letter.get("element").asText(), letter.get("reason").asText());
        }
      }
    }
    return letters;
  }

  /** Whether an id file can hold {@code id}: a line, as it reads back, that is not a comment. */
  private static boolean inAFile(String id) {
    return id.equals(Locations.idInLine(id))
        && !id.contains("\n")
        && !id.contains("\r")
        && id.chars().noneMatch(c -> Character.isSurrogate((char) c));
  }

  @Test
  void everyRunEndsWithDeadLettersNotAFailure() {
    for (Outcome o : outcomes) {
      assertThat(o.run.status).as(o.name + "\n" + o.run).isEqualTo(ExitCodes.DEAD_LETTERS);
    }
  }

  @Test
  void everyRefusedIdIsADeadLetterWithTheReason() {
    for (Outcome o : outcomes) {
      for (String id : o.rejected) {
        assertThat(o.letters)
            .as(o.name + ": the dead letter of '" + printable(id) + "'")
            .containsKey(id);
        assertThat(o.letters.get(id))
            .as(o.name)
            .startsWith("unsafe element id")
            .doesNotContain("Exception")
            .doesNotContain("\tat ");
      }
      assertThat(o.letters.keySet())
          .as(o.name + ": dead letters, all for refused ids")
          .containsExactlyInAnyOrderElementsOf(o.rejected);
    }
  }

  @Test
  void tooLongIdsSayHowLongTheyAre() {
    Outcome o = outcomes.get(0);
    assertThat(o.letters.get("x".repeat(10_240)))
        .endsWith(": it is 10240 bytes in UTF-8, longer than the 255 a file name can have");
    assertThat(o.letters.get("y".repeat(252)))
        .endsWith("would be 257 bytes in UTF-8, more than the 255 a file name can have");
  }

  @Test
  void everyAcceptedIdLandsExactlyAtItsLocations() {
    for (Outcome o : outcomes) {
      Set<String> outputs = new TreeSet<>(o.created);
      outputs.removeIf(name -> name.startsWith(o.deadLetterPrefix));
      Set<String> records = new TreeSet<>(outputs);
      records.removeIf(name -> outputOfRecord(name) == null);
      outputs.removeAll(records);
      assertThat(outputs).as(o.name).containsExactlyInAnyOrderElementsOf(o.expected);
      for (String record : records) {
        assertThat(o.expected)
            .as(o.name + ": the output of the record " + record)
            .contains(outputOfRecord(record));
      }
    }
  }

  @Test
  void nothingAppearsOutsideTheOutputsAndDeadLetters() {
    for (Outcome o : outcomes) {
      assertThat(o.outside()).as(o.name).isEmpty();
    }
  }

  /**
   * The output whose provenance record {@code name} is, or null if it is not a record's name: on S3
   * {@code <dir>/.klio/<output>/<key>-<millis>.json}, on disk {@code <dir>/.klio/<output>.json},
   * each a record of {@code <dir>/<output>}.
   */
  private static String outputOfRecord(String name) {
    Matcher m = OBJECT_RECORD.matcher(name);
    if (m.matches()) {
      return m.group(1) + m.group(2);
    }
    m = LOCAL_RECORD.matcher(name);
    return m.matches() ? m.group(1) + m.group(2) : null;
  }

  private static final Pattern OBJECT_RECORD =
      Pattern.compile("(.*/)\\.klio/([^/]+)/[0-9a-f]{32}-\\d+\\.json");
  private static final Pattern LOCAL_RECORD = Pattern.compile("(.*/)\\.klio/([^/]+)\\.json");

  private static String printable(String id) {
    String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    StringBuilder out = new StringBuilder();
    shown
        .chars()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  /** What a run did. {@code created}: files or objects that were not there before it. */
  private record Outcome(
      String name,
      KlioRun run,
      List<String> accepted,
      List<String> rejected,
      Set<String> created,
      Set<String> expected,
      String deadLetterPrefix,
      String dataPrefix,
      Map<String, String> letters) {

    /** What appeared but is neither an expected output, nor its record, nor a dead letter. */
    Set<String> outside() {
      Set<String> outside = new TreeSet<>(created);
      outside.removeAll(expected);
      outside.removeIf(
          name -> outputOfRecord(name) != null && expected.contains(outputOfRecord(name)));
      outside.removeIf(name -> name.startsWith(deadLetterPrefix) && name.endsWith(".json"));
      return outside;
    }
  }

  /** Where a run keeps its data, as the test sees it. */
  private interface Store {
    /** Stores {@code text} at {@code path} under the data root; returns its location. */
    String put(String data, String path, String text) throws IOException;

    /** How {@link #everything()} names {@code path} under the data root. */
    String name(String data, String path);

    /** Every file or object there is, in and around the store's space. */
    Set<String> everything() throws IOException;

    /** Where the run's dead letters go: a local directory. */
    String deadLetters(String data);

    List<String> pipelineArgs();
  }

  /** A directory on local disk; data roots are paths or {@code file:} URIs inside it. */
  private static final class Disk implements Store {
    private final Path sandbox;

    Disk(Path sandbox) {
      this.sandbox = sandbox;
    }

    private static Path path(String data) {
      return Path.of(data.startsWith("file://") ? data.substring("file://".length()) : data);
    }

    @Override
    public String put(String data, String path, String text) throws IOException {
      Path file = path(data).resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file.toString();
    }

    @Override
    public String name(String data, String path) {
      return sandbox.relativize(path(data)) + "/" + path;
    }

    @Override
    public Set<String> everything() throws IOException {
      try (Stream<Path> all = Files.walk(sandbox)) {
        Set<String> files = new HashSet<>();
        all.filter(Files::isRegularFile).forEach(f -> files.add(sandbox.relativize(f).toString()));
        return files;
      }
    }

    @Override
    public String deadLetters(String data) {
      return data + "/dead-letters";
    }

    @Override
    public List<String> pipelineArgs() {
      return List.of();
    }
  }

  /** The test bucket on S3Proxy; data roots are prefixes in it. */
  private static final class S3 implements Store {
    private final TestBucket bucket;
    private final Path letterDirectory;

    S3(TestBucket bucket, Path letterDirectory) {
      this.bucket = bucket;
      this.letterDirectory = letterDirectory;
    }

    private static String key(String data, String path) {
      return data.substring(("s3://" + TestBucket.BUCKET + "/").length()) + "/" + path;
    }

    @Override
    public String put(String data, String path, String text) {
      String url = data + "/" + path;
      bucket.put(Map.of(url, text));
      return url;
    }

    @Override
    public String name(String data, String path) {
      return "s3:" + key(data, path);
    }

    /** The whole bucket's keys, and every file in the server's storage directory. */
    @Override
    public Set<String> everything() throws IOException {
      Set<String> all = new HashSet<>();
      try (S3Client client = bucket.client()) {
        for (S3Object object :
            client.listObjectsV2Paginator(b -> b.bucket(TestBucket.BUCKET)).contents()) {
          all.add("s3:" + object.key());
        }
      }
      Path storage = bucket.server.storage();
      try (Stream<Path> files = Files.walk(storage)) {
        files
            .filter(Files::isRegularFile)
            .map(f -> "server:" + storage.relativize(f))
            .filter(f -> !f.startsWith("server:" + TestBucket.BUCKET + "/"))
            .forEach(all::add);
      }
      return all;
    }

    /** On local disk: a dead letter's name is made of safe characters, whatever its id. */
    @Override
    public String deadLetters(String data) {
      return letterDirectory.resolve(key(data, "")).toString();
    }

    @Override
    public List<String> pipelineArgs() {
      return bucket.pipelineArgs();
    }
  }
}
