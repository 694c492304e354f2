package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.Ffmpeg;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import io.klio.audio.wav.WavFormat;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessSeriesTest {
  @TempDir Path tmp;

  @Test
  void steadySineIsMinus3LufsFromTheFirstFullWindow() {
    AudioClip sine = Synth.tone(48000, 5, 1000, 0, false);
    LoudnessSeries m = Loudness.momentary(sine);
    LoudnessSeries s = Loudness.shortTerm(sine);
    assertThat(m.windowSeconds()).isEqualTo(0.4);
    assertThat(m.size()).isEqualTo(47); // windows ending at 0.4, 0.5, ..., 5.0 s
    assertThat(m.time(0)).isCloseTo(0.4, within(1e-12));
    assertThat(m.time(m.size() - 1)).isCloseTo(5.0, within(1e-12));
    assertThat(s.size()).isEqualTo(21); // 3.0 .. 5.0 s
    assertThat(s.time(0)).isCloseTo(3.0, within(1e-12));
    for (double v : m.values()) {
      assertThat(v).isCloseTo(-3.01, within(0.02));
    }
    assertThat(s.max()).isCloseTo(-3.01, within(0.02));
    assertThat(Loudness.shortTerm(Synth.tone(48000, 2.9, 1000, 0)).size()).isZero();
  }

  @Test
  void digitalSilenceIsMinusInfinityAndTheFilterTailFarBelow() {
    float[] tone = Synth.tone(48000, 1, 1000, -20).channel(0);
    AudioClip clip =
        AudioClip.of(48000, LoudnessTest.concat(LoudnessTest.concat(new float[48000], tone), tone));
    LoudnessSeries m = Loudness.momentary(clip);
    assertThat(m.lufs(0)).isNegative().isInfinite(); // 0 .. 0.4 s: zeros into the filters
    assertThat(m.lufs(6)).isNegative().isInfinite(); // 0.6 .. 1.0 s: still zeros
    assertThat(m.lufs(11)).isCloseTo(-23.01, within(0.05)); // 1.1 .. 1.5 s: the tone
    // after the tone the K-weighting filters ring down: not zero, but far below anything audible
    AudioClip after = AudioClip.of(48000, LoudnessTest.concat(tone, new float[48000]));
    LoudnessSeries a = Loudness.momentary(after);
    assertThat(a.lufs(a.size() - 1)).isLessThan(-200);
    assertThat(m.max()).isCloseTo(-23.01, within(0.05));
  }

  /** The clips of the ffmpeg comparison. */
  private static AudioClip[] clips() {
    return new AudioClip[] {
      Synth.tone(44100, 6, 1000, -6, false),
      Synth.pan(Synth.speechLike(48000, 10, 4, -23, 5), 0.2),
      fade(Synth.noise(48000, 12, -10, 7), 40),
      Synth.pan(Synth.noise(32000, 6, -30, 3), 0.7),
      Channels.mix(
          Synth.pan(Synth.clickTrack(44100, 8, 128, 0.3, -6), 0),
          Synth.pan(Synth.tone(44100, 8, 220, -24), -0.3),
          Synth.pan(
              AudioClip.of(
                  44100,
                  LoudnessTest.concat(
                      new float[44100 * 3], Synth.speechLike(44100, 5, 4, -18, 9).channel(0))),
              0.5)),
    };
  }

  @Test
  void momentaryAndShortTermAgreeWithFfmpegEbur128Within01LuAtEveryFrame() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip[] clips = clips();
    for (int i = 0; i < clips.length; i++) {
      AudioClip clip = clips[i];
      Path f = tmp.resolve("m" + i + ".wav");
      AudioFiles.writeWav(f, clip, WavFormat.FLOAT_32);
      List<Ffmpeg.LoudnessFrame> theirs = Ffmpeg.ebur128Frames(f);
      LoudnessSeries m = Loudness.momentary(clip);
      LoudnessSeries s = Loudness.shortTerm(clip);
      double worstM = compare("momentary " + i, clip, m, theirs, true);
      double worstS = compare("short-term " + i, clip, s, theirs, false);
      System.out.printf(
          "loudness series %d (%s): %d momentary, %d short-term values; worst difference from"
              + " ffmpeg %.3f / %.3f LU; max M %.2f, max S %.2f LUFS%n",
          i, clip, m.size(), s.size(), worstM, worstS, m.max(), s.max());
    }
  }

  /**
   * Checks every ffmpeg frame whose window is full against the value of the series at the same
   * window end; returns the largest difference. ffmpeg's t is the window's last sample.
   */
  private static double compare(
      String what,
      AudioClip clip,
      LoudnessSeries ours,
      List<Ffmpeg.LoudnessFrame> theirs,
      boolean momentary) {
    double rate = clip.sampleRate();
    int compared = 0;
    double worst = 0;
    for (Ffmpeg.LoudnessFrame fr : theirs) {
      double end = fr.t() + 1 / rate;
      if (end < ours.windowSeconds() - 1e-3) {
        continue; // ffmpeg's window not yet full (it prints -120.7)
      }
      int j = (int) Math.round((end - ours.windowSeconds()) / 0.1);
      assertThat(j).as("%s at t=%s", what, fr.t()).isBetween(0, ours.size() - 1);
      // the same window end, to ffmpeg's printed precision (6 significant digits)
      assertThat(ours.time(j)).as("%s time", what).isCloseTo(end, within(1e-4));
      double v = momentary ? fr.momentary() : fr.shortTerm();
      if (Double.isNaN(v) || v < -100) {
        assertThat(ours.lufs(j)).as("%s silent at %s", what, end).isLessThan(-100);
      } else {
        assertThat(ours.lufs(j)).as("%s at %s", what, end).isCloseTo(v, within(0.1));
        worst = Math.max(worst, Math.abs(ours.lufs(j) - v));
      }
      compared++;
    }
    assertThat(compared).as(what).isEqualTo(ours.size());
    return worst;
  }

  /** {@code clip} faded in linearly in dB, from {@code -db} to 0 over its length. */
  private static AudioClip fade(AudioClip clip, double db) {
    float[] x = clip.channel(0).clone();
    for (int i = 0; i < x.length; i++) {
      x[i] *= (float) Math.pow(10, -db * (1 - (double) i / x.length) / 20);
    }
    return AudioClip.wrap(clip.sampleRate(), new float[][] {x});
  }
}
