package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Catalogue;
import io.klio.audio.synth.CatalogueEntry;
import io.klio.audio.synth.Synth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Beats#confidence()} and {@link Beats#hasBeat()} on material with and without a beat. */
class BeatConfidenceTest {
  private static Beats track(String what, AudioClip clip) {
    Beats b = BeatTracker.track(clip);
    System.out.printf("confidence %-32s %.3f (%.2f BPM)%n", what, b.confidence(), b.tempoBpm());
    assertThat(b.confidence()).isBetween(0.0, 1.0);
    return b;
  }

  @ParameterizedTest(name = "{0} BPM")
  @ValueSource(doubles = {70, 100, 130, 170})
  void clickTracksHaveABeat(double bpm) {
    Beats b = track("clicks " + bpm, Synth.pan(Synth.clickTrack(44100, 20, bpm, 0.3, -6), 0));
    assertThat(b.confidence()).isGreaterThan(Beats.BEAT_THRESHOLD);
    assertThat(b.hasBeat()).isTrue();
  }

  @Test
  void clicksUnderAToneHaveABeat() {
    AudioClip clip =
        Channels.mix(Synth.clickTrack(48000, 15, 97.5, 0.4, -6), Synth.tone(48000, 15, 440, -20));
    assertThat(track("clicks under a tone", clip).hasBeat()).isTrue();
  }

  @ParameterizedTest(name = "{0} Hz")
  @ValueSource(doubles = {110, 440, 1000, 3520})
  void tonesHaveNoBeat(double hz) {
    Beats b = track("tone " + hz, Synth.tone(44100, 20, hz, -6));
    assertThat(b.confidence()).isLessThan(Beats.BEAT_THRESHOLD);
    assertThat(b.hasBeat()).isFalse();
  }

  @Test
  void silenceHasNoBeat() {
    Beats b = track("silence", AudioClip.silence(22050, 1, 22050 * 5));
    assertThat(b.confidence()).isZero();
    assertThat(b.hasBeat()).isFalse();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void whiteNoiseHasNoBeat(long seed) {
    Beats b = track("white noise " + seed, Synth.noise(44100, 20, -20, seed));
    assertThat(b.hasBeat()).isFalse();
  }

  /**
   * Every file of three 16-file, 20-second catalogues: {@code music} and {@code speech-over-music}
   * have a beat, {@code speech} and {@code tone} have none.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void catalogueKinds(long seed, @TempDir Path dir) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (CatalogueEntry e : Catalogue.generate(dir, 16, seed, 20)) {
      Beats b =
          track(
              "seed " + seed + " " + e.id() + " " + e.kind(),
              AudioFiles.read(dir.resolve(e.file())));
      boolean expected = e.kind().equals("music") || e.kind().equals("speech-over-music");
      if (b.hasBeat() != expected) {
        wrong.add(String.format("%s %s: confidence %.3f", e.id(), e.kind(), b.confidence()));
      }
    }
    assertThat(wrong).as("files on the wrong side of the threshold").isEmpty();
  }
}
