package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

class BeatTrackerTest {
  @ParameterizedTest(name = "{0} BPM")
  @ValueSource(doubles = {80, 90, 100, 110, 120, 130, 140, 150, 160})
  void tempoOfClickTracksWithin2Bpm(double bpm) {
    AudioClip clip = Synth.pan(Synth.clickTrack(44100, 20, bpm, 0.3, -6), 0);
    Beats beats = BeatTracker.track(clip);
    System.out.printf(
        "click track %.0f BPM: estimated %.3f BPM, %d beats%n",
        bpm, beats.tempoBpm(), beats.count());
    assertThat(beats.tempoBpm()).isCloseTo(bpm, within(2.0));
    // beats land on the clicks: all intervals one period, all at one constant offset from them
    double period = 60 / bpm;
    double[] t = beats.times();
    assertThat(t.length).isGreaterThan((int) (20 / period) - 4);
    double offset = t[0] - Math.round((t[0] - 0.3) / period) * period - 0.3;
    assertThat(Math.abs(offset)).isLessThan(0.06);
    for (double time : t) {
      double k = Math.round((time - 0.3 - offset) / period);
      assertThat(time - 0.3 - offset - k * period).isCloseTo(0, within(0.015));
    }
  }

  @Test
  void tempoUnderATone() {
    AudioClip clip =
        Channels.mix(Synth.clickTrack(48000, 15, 97.5, 0.4, -6), Synth.tone(48000, 15, 440, -20));
    assertThat(BeatTracker.track(clip).tempoBpm()).isCloseTo(97.5, within(2.0));
  }

  /**
   * Every {@code music} and {@code speech-over-music} file (speech-like noise 12 dB above the
   * clicks) of three 16-file, 20-second catalogues: tempo within 2 BPM of the truth.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void tempoOfCatalogueMusicAndSpeechOverMusicWithin2Bpm(long seed, @TempDir Path dir)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (CatalogueEntry e : Catalogue.generate(dir, 16, seed, 20)) {
      if (!e.kind().equals("music") && !e.kind().equals("speech-over-music")) {
        continue;
      }
      double bpm = BeatTracker.track(AudioFiles.read(dir.resolve(e.file()))).tempoBpm();
      System.out.printf(
          "seed %d %s %s: tempo %.3f, truth %.1f, error %+.3f%n",
          seed, e.id(), e.kind(), bpm, e.bpm(), bpm - e.bpm());
      if (!(Math.abs(bpm - e.bpm()) <= 2)) {
        wrong.add(String.format("%s %s: %.2f, truth %.1f", e.id(), e.kind(), bpm, e.bpm()));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(8);
    assertThat(wrong).as("files outside 2 BPM").isEmpty();
  }

  @Test
  void silenceHasNoBeats() {
    Beats b = BeatTracker.track(AudioClip.silence(22050, 1, 22050 * 5));
    assertThat(b.count()).isZero();
  }
}
