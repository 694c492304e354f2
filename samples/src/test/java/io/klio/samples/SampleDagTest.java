package io.klio.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.audio.AudioClip;
import io.klio.audio.analysis.Beats;
import io.klio.audio.synth.CatalogueEntry;
import io.klio.testing.KlioTest;
import io.klio.testing.RunResult;
import io.klio.testing.TestDag;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample DAG, run as {@code klio run --dag} does (klio-testing) on a generated catalogue,
 * checked against ground truth.
 */
@KlioTest
class SampleDagTest {
  private static final List<String> JOBS =
      List.of(
          "downsample",
          "beat-tracking",
          "energy",
          "loudness",
          "spectrogram",
          "speechiness",
          "instrumentalness",
          "key",
          "mfcc",
          "separate");

  /** The class's dag: the catalogue and the outputs of the first run are shared by the tests. */
  static TestDag dag;

  static Path data;
  static List<CatalogueEntry> catalogue;
  static RunResult firstRun;

  @BeforeAll
  static void runTheDag(TestDag classDag) throws IOException {
    dag = classDag;
    data = dag.data();
    catalogue = SampleCatalogue.generate(data, 4, 12);
    firstRun = dag.wholeDag().idsFrom(data.resolve("ids.txt")).run();
  }

  @Test
  void everyJobProducesEveryOutput() {
    assertThat(firstRun.exitStatus()).isZero();
    firstRun.assertNoDeadLetters();
    assertThat(firstRun.jobs()).containsExactlyInAnyOrderElementsOf(JOBS);
    for (String job : JOBS) {
      firstRun.assertJob(job).computed(catalogue.size()).skipped(0);
    }
    for (CatalogueEntry entry : catalogue) {
      for (String output :
          List.of(
              "downsampled/%s.wav",
              "beats/%s.json",
              "energy/%s.json",
              "loudness/%s.json",
              "spectrograms/%s.png",
              "speechiness/%s.json",
              "instrumentalness/%s.json",
              "key/%s.json",
              "mfcc/%s.json",
              "separated/%s.png")) {
        assertThat(data.resolve(String.format(output, entry.id()))).isNotEmptyFile();
      }
    }
  }

  @Test
  void downsampledAudioIsMonoAt22kHz() throws IOException {
    AudioClip clip = dag.output("downsample").get(catalogue.get(0).id(), AudioClip.class);
    assertThat(clip.sampleRate()).isEqualTo(22_050);
    assertThat(clip.channelCount()).isEqualTo(1);
    assertThat(clip.durationSeconds()).isCloseTo(12.0, within(0.05));
  }

  @Test
  void tempoOfClickTracksMatchesTheTruth() throws IOException {
    for (CatalogueEntry entry : catalogue) {
      if (entry.kind().equals("music")) {
        Tempo tempo = dag.output("beat-tracking").get(entry.id(), Tempo.class);
        assertThat(tempo.bpm()).as(entry.id()).isCloseTo(entry.bpm(), within(2.0));
        assertThat(tempo.confidence()).as(entry.id()).isGreaterThanOrEqualTo(Beats.BEAT_THRESHOLD);
      }
    }
  }

  @Test
  void speechAndTonesHaveNoBeat() throws IOException {
    int checked = 0;
    for (CatalogueEntry entry : catalogue) {
      if (entry.kind().equals("speech") || entry.kind().equals("tone")) {
        Tempo tempo = dag.output("beat-tracking").get(entry.id(), Tempo.class);
        assertThat(tempo.confidence()).as(entry.id()).isGreaterThanOrEqualTo(0.0);
        assertThat(tempo.confidence()).as(entry.id()).isLessThan(Beats.BEAT_THRESHOLD);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void reportHidesTheTempoWithoutABeat() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SampleCatalogue.report(data, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0).split("\\s+")).contains("bpm", "conf");
    for (CatalogueEntry entry : catalogue) {
      String[] cols =
          lines.stream()
              .filter(l -> l.startsWith(entry.id()))
              .findFirst()
              .orElseThrow()
              .split("\\s+");
      // track, kind, true bpm, bpm, conf, ...
      if (entry.kind().equals("music")) {
        assertThat(Double.parseDouble(cols[3])).as(entry.id()).isCloseTo(entry.bpm(), within(2.0));
      } else if (!entry.kind().equals("speech-over-music")) {
        assertThat(cols[3]).as(entry.id()).isEqualTo("-");
      }
      assertThat(Double.parseDouble(cols[4])).isBetween(0.0, 1.0);
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
    BufferedImage image =
        ImageIO.read(data.resolve("spectrograms/" + catalogue.get(2).id() + ".png").toFile());
    // labelled figure: 384 px plot plus title and axes, wider than one column per frame
    assertThat(image.getWidth()).isGreaterThan(12 * 22050 / 512 + 100);
    assertThat(image.getHeight()).isGreaterThan(384 + 40);
  }

  @Test
  void keysOfTheChordsMatchTheTruth() throws IOException {
    int checked = 0;
    for (CatalogueEntry entry : catalogue) {
      if (entry.key() != null) {
        KeyEstimate key = dag.output("key").get(entry.id(), KeyEstimate.class);
        assertThat(key.key()).as(entry.id() + " " + entry.progression()).isEqualTo(entry.key());
        assertThat(key.confidence()).isGreaterThan(key.runnerUpConfidence());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void loudnessRangeOfSteadyTracksIsTheirLevelStep() throws IOException {
    for (CatalogueEntry entry : catalogue) {
      LoudnessResult loudness = dag.output("loudness").get(entry.id(), LoudnessResult.class);
      if (!entry.hasSpeech()) {
        assertThat(loudness.rangeLu()).as(entry.id()).isCloseTo(entry.levelStepDb(), within(1.0));
      }
      assertThat(loudness.truePeakDbtp())
          .as(entry.id())
          .isGreaterThanOrEqualTo(loudness.peakDbfs());
    }
  }

  @Test
  void mfccSummariesHaveTwentyCoefficients() throws IOException {
    MfccSummary mfcc = dag.output("mfcc").get(catalogue.get(0).id(), MfccSummary.class);
    assertThat(mfcc.mean()).hasSize(20);
    assertThat(mfcc.std()).hasSize(20);
    assertThat(mfcc.frames()).isEqualTo(12 * 22050 / 512 + 1);
    assertThat(mfcc.std()[0]).isPositive();
  }

  @Test
  void separationIsThreeFiguresInOnePicture() throws IOException {
    BufferedImage image =
        ImageIO.read(data.resolve("separated/" + catalogue.get(0).id() + ".png").toFile());
    assertThat(image.getHeight()).isGreaterThan(3 * (384 + 40));
    assertThat(image.getWidth()).isGreaterThan(12 * 22050 / 512 + 100);
  }

  @Test
  void aSecondRunComputesNothingNew() throws IOException {
    long before = data.resolve("beats/" + catalogue.get(0).id() + ".json").toFile().lastModified();
    RunResult second = dag.wholeDag().idsFrom(data.resolve("ids.txt")).run();
    assertThat(second.exitStatus()).isZero();
    for (String job : JOBS) {
      second.assertJob(job).computed(0).skipped(catalogue.size());
    }
    assertThat(data.resolve("beats/" + catalogue.get(0).id() + ".json").toFile().lastModified())
        .isEqualTo(before);
  }

  private static String kind(String kind) {
    return catalogue.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow().id();
  }

  private static double score(String job, String id) {
    return dag.output(job).get(id, Score.class).score();
  }
}
