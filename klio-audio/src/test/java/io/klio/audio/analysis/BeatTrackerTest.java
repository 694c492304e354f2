package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeatTrackerTest {
  @ParameterizedTest(name = "{0} BPM")
  @ValueSource(doubles = {80, 100, 120, 140, 160})
  void tempoOfClickTracksWithin2Bpm(double bpm) {
    AudioClip clip = Synth.pan(Synth.clickTrack(44100, 20, bpm, 0.3, -6), 0);
    Beats beats = BeatTracker.track(clip);
    System.out.printf("click track %.0f BPM: estimated %.3f BPM, %d beats%n", bpm, beats.tempoBpm(), beats.count());
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
    AudioClip clip = Channels.mix(
        Synth.clickTrack(48000, 15, 97.5, 0.4, -6), Synth.tone(48000, 15, 440, -20));
    assertThat(BeatTracker.track(clip).tempoBpm()).isCloseTo(97.5, within(2.0));
  }

  @Test
  void silenceHasNoBeats() {
    Beats b = BeatTracker.track(AudioClip.silence(22050, 1, 22050 * 5));
    assertThat(b.count()).isZero();
  }
}
