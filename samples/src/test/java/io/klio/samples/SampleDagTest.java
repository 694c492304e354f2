package io.klio.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.audio.AudioFiles;
import io.klio.audio.synth.CatalogueEntry;
import io.klio.runtime.Klio;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample DAG, run through the CLI on a generated catalogue, checked against ground truth. */
class SampleDagTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path data;
  static List<CatalogueEntry> catalogue;
  static int firstRun;

  @BeforeAll
  static void runTheDag() throws IOException {
    catalogue = SampleCatalogue.generate(data, 4, 12);
    firstRun = Klio.execute("run", "--dag", "--ids", data.resolve("ids.txt").toString(), "--var", "data=" + data);
  }

  @Test
  void everyJobProducesEveryOutput() {
    assertThat(firstRun).isZero();
    for (CatalogueEntry entry : catalogue) {
      for (String output :
          List.of(
              "downsampled/%s.wav", "beats/%s.json", "energy/%s.json", "loudness/%s.json",
              "spectrograms/%s.png", "speechiness/%s.json", "instrumentalness/%s.json")) {
        assertThat(data.resolve(String.format(output, entry.id()))).isNotEmptyFile();
      }
    }
  }

  @Test
  void downsampledAudioIsMonoAt22kHz() throws IOException {
    var clip = AudioFiles.read(data.resolve("downsampled/" + catalogue.get(0).id() + ".wav"));
    assertThat(clip.sampleRate()).isEqualTo(22_050);
    assertThat(clip.channelCount()).isEqualTo(1);
    assertThat(clip.durationSeconds()).isCloseTo(12.0, within(0.05));
  }

  @Test
  void tempoOfClickTracksMatchesTheTruth() throws IOException {
    for (CatalogueEntry entry : catalogue) {
      if (entry.kind().equals("music")) {
        JsonNode beats = JSON.readTree(data.resolve("beats/" + entry.id() + ".json").toFile());
        assertThat(beats.get("bpm").asDouble()).as(entry.id()).isCloseTo(entry.bpm(), within(2.0));
      }
    }
  }

  @Test
  void speechScoresAboveMusic() throws IOException {
    double speech = score("speechiness", kind("speech"));
    double music = score("speechiness", kind("music"));
    assertThat(speech).isGreaterThan(0.5);
    assertThat(music).isLessThan(0.2);
    assertThat(score("instrumentalness", kind("tone"))).isGreaterThan(0.8);
  }

  @Test
  void spectrogramIsAPicture() throws IOException {
    BufferedImage image = ImageIO.read(data.resolve("spectrograms/" + catalogue.get(2).id() + ".png").toFile());
    assertThat(image.getWidth()).isGreaterThan(100);
    assertThat(image.getHeight()).isGreaterThan(50);
  }

  @Test
  void aSecondRunComputesNothingNew() throws IOException {
    long before = data.resolve("beats/" + catalogue.get(0).id() + ".json").toFile().lastModified();
    assertThat(
            Klio.execute("run", "--dag", "--ids", data.resolve("ids.txt").toString(), "--var", "data=" + data))
        .isZero();
    assertThat(data.resolve("beats/" + catalogue.get(0).id() + ".json").toFile().lastModified())
        .isEqualTo(before);
  }

  private static String kind(String kind) {
    return catalogue.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow().id();
  }

  private static double score(String job, String id) throws IOException {
    return JSON.readTree(data.resolve(job + "/" + id + ".json").toFile()).get("score").asDouble();
  }
}
