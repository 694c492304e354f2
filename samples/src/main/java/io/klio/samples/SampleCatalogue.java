package io.klio.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.audio.analysis.Beats;
import io.klio.audio.synth.Catalogue;
import io.klio.audio.synth.CatalogueEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample's data: {@code generate DIR [count] [seconds]} synthesises a catalogue with ground
 * truth into {@code DIR/catalogue} and writes its ids to {@code DIR/ids.txt}; {@code report DIR}
 * prints the DAG's results per track next to the truth. The measured tempo is shown as {@code -}
 * when the beat tracker's confidence (column {@code conf}) is below {@link Beats#BEAT_THRESHOLD}.
 * Keys are chord symbols ({@code F#m} is F# minor); {@code step} is how much quieter the second
 * half of the track is, the loudness range ({@code LRA}) steady material should have.
 */
public final class SampleCatalogue {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleCatalogue() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !List.of("generate", "report").contains(args[0])) {
      System.err.println("usage: SampleCatalogue generate DIR [count=8] [seconds=20]");
      System.err.println("       SampleCatalogue report DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[1]);
    if (args[0].equals("generate")) {
      int count = args.length > 2 ? Integer.parseInt(args[2]) : 8;
      double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
      List<CatalogueEntry> entries = generate(dir, count, seconds);
      System.out.printf("wrote %d tracks to %s%n", entries.size(), dir.resolve("catalogue"));
    } else {
      report(dir, System.out);
    }
  }

  /** Writes the catalogue and {@code ids.txt}; deterministic (seed 1). */
  public static List<CatalogueEntry> generate(Path dir, int count, double seconds)
      throws IOException {
    List<CatalogueEntry> entries = Catalogue.generate(dir.resolve("catalogue"), count, 1, seconds);
    List<String> ids = new ArrayList<>();
    entries.forEach(e -> ids.add(e.id()));
    Files.write(dir.resolve("ids.txt"), ids);
    return entries;
  }

  /** Prints one line per track: ground truth, then what the DAG measured. */
  public static void report(Path dir, PrintStream out) throws IOException {
    JsonNode truth = JSON.readTree(dir.resolve("catalogue/catalogue.json").toFile());
    out.printf(
        "%-11s %-18s %8s %7s %5s  %-9s %-9s %6s  %6s %5s %6s %6s  %6s %6s %6s %4s%n",
        "track",
        "kind",
        "true bpm",
        "bpm",
        "conf",
        "true key",
        "key",
        "LUFS",
        "step",
        "LRA",
        "dBTP",
        "peak",
        "speech",
        "instr",
        "energy",
        "pngs");
    for (JsonNode entry : truth) {
      String id = entry.get("id").asText();
      out.printf(
          Locale.ROOT,
          "%-11s %-18s %8s %7s %5s  %-9s %-9s %6s  %6s %5s %6s %6s  %6s %6s %6s %4s%n",
          id,
          entry.get("kind").asText(),
          entry.get("bpm").isNumber()
              ? String.format(Locale.ROOT, "%.1f", entry.get("bpm").asDouble())
              : "-",
          measuredBpm(dir, id),
          field(dir, "beats", id, "confidence"),
          symbol(entry.get("key")),
          symbol(value(dir, "key", id, "key")),
          field(dir, "loudness", id, "integratedLufs"),
          // the loudness range steady material should have; speech adds its own
          entry.get("speechRmsDbfs").isNumber()
              ? "-"
              : String.format(Locale.ROOT, "%.1f", entry.get("levelStepDb").asDouble()),
          field(dir, "loudness", id, "rangeLu"),
          field(dir, "loudness", id, "truePeakDbtp"),
          field(dir, "loudness", id, "peakDbfs"),
          field(dir, "speechiness", id, "score"),
          field(dir, "instrumentalness", id, "score"),
          field(dir, "energy", id, "energy"),
          pictures(dir, id));
    }
  }

  /** A key as a chord symbol, one column wide: "F#m" for F# minor, "Bb" for B-flat major. */
  private static String symbol(JsonNode key) {
    if (key == null || !key.isTextual()) {
      return "-";
    }
    String[] parts = key.asText().split(" ");
    return parts.length == 2 && parts[1].equals("minor") ? parts[0] + "m" : parts[0];
  }

  /** How many of the track's pictures exist: the spectrogram and the separation. */
  private static String pictures(Path dir, String id) {
    int n = 0;
    for (String picture : List.of("spectrograms/" + id + ".png", "separated/" + id + ".png")) {
      n += Files.exists(dir.resolve(picture)) ? 1 : 0;
    }
    return n + "/2";
  }

  /** The measured tempo, or {@code -} when the tracker's confidence is below the beat threshold. */
  private static String measuredBpm(Path dir, String id) throws IOException {
    Path file = dir.resolve("beats/" + id + ".json");
    if (!Files.exists(file)) {
      return "missing";
    }
    JsonNode beats = JSON.readTree(file.toFile());
    JsonNode confidence = beats.get("confidence");
    if (confidence == null || confidence.asDouble() < Beats.BEAT_THRESHOLD) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", beats.get("bpm").asDouble());
  }

  private static String field(Path dir, String job, String id, String name) throws IOException {
    Path file = dir.resolve(job + "/" + id + ".json");
    if (!Files.exists(file)) {
      return "missing";
    }
    JsonNode value = JSON.readTree(file.toFile()).get(name);
    return value == null ? "?" : String.format(Locale.ROOT, "%.2f", value.asDouble());
  }

  /** A field of a job's JSON output, or null when the output is missing. */
  private static JsonNode value(Path dir, String job, String id, String name) throws IOException {
    Path file = dir.resolve(job + "/" + id + ".json");
    return Files.exists(file) ? JSON.readTree(file.toFile()).get(name) : null;
  }
}
