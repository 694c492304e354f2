package io.klio.s3;

import io.klio.codec.Codec;
import io.klio.runtime.codec.Codecs;
import io.klio.s3.dag.TextJobs;
import io.klio.s3.dag.TextJobs.Text;
import io.klio.s3.dag.TextJobs.WordCount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the {@link TextJobs} DAG: an input text per id, where each job's output goes, and the
 * value each job must make of it (computed by calling the job methods directly).
 */
final class TextCatalogue {
  static final List<String> JOBS = List.of("ingest", "upper", "reversed", "words", "summary");

  /** Each job's inputs, for the reads it counts. */
  static final Map<String, Integer> INPUTS =
      Map.of("ingest", 1, "upper", 1, "reversed", 1, "words", 1, "summary", 2);

  private static final Map<String, String> OUTPUTS =
      Map.of(
          "ingest", "ingest/%s.json",
          "upper", "upper/%s.txt",
          "reversed", "reversed/%s.bin",
          "words", "words/%s.json",
          "summary", "summary/%s.txt");
  private static final List<String> VOCABULARY =
      List.of(
          "tempo", "beat", "loudness", "spectrum", "voice", "drum", "silence", "chord", "noise");

  final List<String> ids = new ArrayList<>();

  TextCatalogue(String idPrefix, int count) {
    for (int i = 0; i < count; i++) {
      ids.add(String.format("%s-%03d", idPrefix, i));
    }
  }

  /** The input text of {@code id}: a few words, more for later ids. */
  String text(String id) {
    int n = ids.indexOf(id);
    StringBuilder text = new StringBuilder();
    for (int w = 0; w <= n % 17; w++) {
      text.append(VOCABULARY.get((n * 7 + w * 3) % VOCABULARY.size())).append(' ');
    }
    return text.append('\n').toString();
  }

  /** {@code in/<id>.txt} to each input text, and {@code ids.txt}. */
  private Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    ids.forEach(id -> files.put("in/" + id + ".txt", text(id)));
    files.put("ids.txt", String.join("\n", ids) + "\n");
    return files;
  }

  /** Writes the inputs and {@code ids.txt} under {@code dir}. */
  void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, String> file : files().entrySet()) {
      Files.createDirectories(dir.resolve(file.getKey()).getParent());
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
  }

  /** Stores the inputs and {@code ids.txt} under the bucket's prefix. */
  void writeTo(TestBucket bucket) {
    Map<String, String> objects = new HashMap<>();
    files().forEach((path, content) -> objects.put(bucket.url(path), content));
    bucket.put(objects);
  }

  /** Whether {@code path}, relative to the data root, is an input or the ids file. */
  static boolean isInput(String path) {
    return path.startsWith("in/") || path.equals("ids.txt");
  }

  /** Where {@code job} stores its output for {@code id}, relative to {@code ${data}}. */
  static String output(String job, String id) {
    return String.format(OUTPUTS.get(job), id);
  }

  /** The value {@code job} must store for {@code id}. */
  Object expected(String job, String id) throws InterruptedException {
    Text text = TextJobs.ingest(text(id));
    String upper = TextJobs.upper(text);
    WordCount words = TextJobs.words(text);
    switch (job) {
      case "ingest":
        return text;
      case "upper":
        return upper;
      case "reversed":
        return TextJobs.reversed(upper.getBytes(StandardCharsets.UTF_8));
      case "words":
        return words;
      case "summary":
        return TextJobs.summary(upper, words, id);
      default:
        throw new IllegalArgumentException(job);
    }
  }

  /** Decodes a stored output of {@code job} with the codec the job stores it with. */
  static Object decode(String job, byte[] stored) throws IOException {
    Codec<?> codec;
    switch (job) {
      case "ingest":
        codec = Codecs.json(Text.class);
        break;
      case "words":
        codec = Codecs.json(WordCount.class);
        break;
      case "reversed":
        codec = Codecs.bytes();
        break;
      default:
        codec = Codecs.utf8();
    }
    return codec.decode(new ByteArrayInputStream(stored));
  }
}
