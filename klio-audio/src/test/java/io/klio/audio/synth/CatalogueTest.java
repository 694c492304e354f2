package io.klio.audio.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.analysis.BeatTracker;
import io.klio.audio.analysis.Descriptors;
import io.klio.audio.analysis.KeyDetector;
import io.klio.audio.analysis.Loudness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {
  @TempDir Path tmp;

  @Test
  void writesFilesAndGroundTruthDeterministically() throws Exception {
    List<CatalogueEntry> a = Catalogue.generate(tmp.resolve("a"), 4, 42, 8);
    List<CatalogueEntry> b = Catalogue.generate(tmp.resolve("b"), 4, 42, 8);
    assertThat(a).isEqualTo(b);
    assertThat(a)
        .extracting(CatalogueEntry::kind)
        .containsExactly("music", "speech", "tone", "speech-over-music");
    for (CatalogueEntry e : a) {
      assertThat(Files.readAllBytes(tmp.resolve("a").resolve(e.file())))
          .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(e.file())));
    }
    List<String> csv = Files.readAllLines(tmp.resolve("a/catalogue.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).startsWith("id,file,kind,sample_rate");
    String json = Files.readString(tmp.resolve("a/catalogue.json"));
    assertThat(json).startsWith("[").contains("\"id\": \"track-0003\"").contains("\"bpm\": null");

    // the ground truth is what the analysis finds
    for (CatalogueEntry e : a) {
      AudioClip clip = AudioFiles.read(tmp.resolve("a").resolve(e.file()));
      assertThat(clip.sampleRate()).isEqualTo(e.sampleRate());
      assertThat(clip.channelCount()).isEqualTo(2);
      assertThat(clip.durationSeconds()).isCloseTo(8, within(0.001));
      if (!Double.isNaN(e.bpm())) { // music and speech-over-music
        double bpm = BeatTracker.track(clip).tempoBpm();
        System.out.printf("%s: tempo %.3f, truth %.1f%n", e.id(), bpm, e.bpm());
        assertThat(bpm).as(e.id()).isCloseTo(e.bpm(), within(2.0));
      }
      // steady material: its loudness range is the level step; in 8 s the quiet half has only a
      // few 3 s windows of its own, so the chords' bars pull the 10th percentile up a little
      if (!e.hasSpeech()) {
        double lra = Loudness.range(clip);
        System.out.printf(
            "%s: loudness range %.2f LU, step %.0f dB%n", e.id(), lra, e.levelStepDb());
        assertThat(lra).as(e.id()).isCloseTo(e.levelStepDb(), within(1.0));
      }
      if (e.key() != null) {
        KeyDetector.Estimate key = KeyDetector.detect(clip);
        System.out.printf(
            "%s: key %s, truth %s (%s)%n", e.id(), key.name(), e.key(), e.progression());
        assertThat(key.name()).as(e.id()).isEqualTo(e.key());
      }
      Descriptors d = Descriptors.of(clip);
      if (e.hasSpeech()) {
        assertThat(d.speechiness()).as("%s %s", e, d).isGreaterThan(0.5);
      } else {
        assertThat(d.speechiness()).as("%s %s", e, d).isLessThan(0.2);
      }
    }
  }
}
