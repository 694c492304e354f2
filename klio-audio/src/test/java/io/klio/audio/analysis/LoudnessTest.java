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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessTest {
  @TempDir Path tmp;

  @Test
  void fullScale1kSineIsMinus3Lufs() {
    for (int rate : new int[] {44100, 48000, 96000}) {
      AudioClip sine = Synth.tone(rate, 10, 1000, 0, false);
      assertThat(Loudness.integrated(sine)).as("%d Hz", rate).isCloseTo(-3.01, within(0.02));
    }
    // at 22.05 kHz the bilinear transform warps the 1.7 kHz shelf noticeably: -2.97
    assertThat(Loudness.integrated(Synth.tone(22050, 10, 1000, 0, false)))
        .isCloseTo(-3.01, within(0.05));
  }

  @Test
  void stereoSumsChannelsAndSurroundsWeigh141() {
    AudioClip mono = Synth.tone(48000, 5, 1000, 0, false);
    assertThat(Loudness.integrated(Channels.spread(mono, 2))).isCloseTo(0.0, within(0.02));
    // 5.1: only the left surround (channel 4) carries the tone: +1.49 dB for G = 1.41
    float[][] six = new float[6][];
    for (int c = 0; c < 6; c++) {
      six[c] = c == 4 ? mono.channel(0) : new float[mono.frameCount()];
    }
    assertThat(Loudness.integrated(AudioClip.wrap(48000, six)))
        .isCloseTo(-3.01 + 10 * Math.log10(1.41), within(0.02));
  }

  @Test
  void gatesIgnoreSilenceAndQuietParts() {
    AudioClip loud = Synth.tone(48000, 5, 1000, -20, false);
    AudioClip withSilence = AudioClip.of(48000, concat(loud.channel(0), new float[48000 * 10]));
    // silence is gated out (averaging it in would give 4.8 dB less); only the few blocks that
    // straddle the end of the tone pull the result down a little
    assertThat(Loudness.integrated(withSilence)).isCloseTo(Loudness.integrated(loud), within(0.2));
    assertThat(Loudness.integrated(AudioClip.silence(48000, 2, 48000))).isNegative().isInfinite();
    assertThat(Loudness.integrated(AudioClip.silence(48000, 1, 100))).isInfinite();
  }

  static float[] concat(float[] a, float[] b) {
    float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void agreesWithFfmpegEbur128Within02Lu() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip[] clips = {
      Synth.tone(44100, 8, 1000, 0, false),
      Channels.mix(
          Synth.pan(Synth.clickTrack(44100, 10, 128, 0.3, -6), 0),
          Synth.pan(Synth.tone(44100, 10, 220, -24), -0.3)),
      Synth.pan(Synth.speechLike(48000, 10, 4, -23, 5), 0.2),
      Channels.mix(
          Synth.pan(Synth.clickTrack(48000, 10, 90, 0.3, -6), 0),
          Synth.pan(Synth.tone(48000, 10, 3520, -30), 0.5),
          Synth.pan(Synth.speechLike(48000, 10, 4.5, -18, 9), 0.2)),
      Synth.pan(Synth.noise(32000, 6, -30, 3), 0.7),
    };
    for (int i = 0; i < clips.length; i++) {
      Path f = tmp.resolve("c" + i + ".wav");
      AudioFiles.writeWav(f, clips[i], WavFormat.FLOAT_32);
      double ours = Loudness.integrated(clips[i]);
      double theirs = Ffmpeg.ebur128(f);
      System.out.printf("loudness %s: ours %.3f LUFS, ffmpeg %.1f LUFS%n", clips[i], ours, theirs);
      assertThat(ours).as("clip %d", i).isCloseTo(theirs, within(0.2));
    }
  }

  @Test
  void loudnessRangeAgreesWithFfmpegEbur128Within01Lu() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip[] clips = {
      // three plateaus 10 dB apart
      AudioClip.wrap(
          48000,
          new float[][] {
            concat(
                concat(
                    Synth.tone(48000, 10, 440, -30).channel(0),
                    Synth.tone(48000, 10, 440, -20).channel(0)),
                Synth.tone(48000, 10, 440, -10).channel(0))
          }),
      // speech-like bursts over a quiet tone, stereo
      Channels.mix(
          Synth.pan(Synth.speechLike(44100, 30, 4, -20, 11), 0.2),
          Synth.pan(Synth.tone(44100, 30, 220, -40), -0.3)),
      // a 40 s fade from -50 to -10 dBFS
      fade(Synth.noise(48000, 40, -10, 7), 40),
      // steady noise: a range near 0
      Synth.pan(Synth.noise(44100, 20, -25, 3), 0.4),
    };
    for (int i = 0; i < clips.length; i++) {
      Path f = tmp.resolve("lra" + i + ".wav");
      AudioFiles.writeWav(f, clips[i], WavFormat.FLOAT_32);
      double ours = Loudness.range(clips[i]);
      double theirs = Ffmpeg.loudnessRange(f);
      System.out.printf("loudness range %d: ours %.2f LU, ffmpeg %.1f LU%n", i, ours, theirs);
      // the EBU R128 target: within 0.1 LU of ffmpeg's (which prints one decimal)
      assertThat(ours).as("clip %d", i).isCloseTo(theirs, within(0.1));
    }
  }

  @Test
  void truePeakAgreesWithFfmpegEbur128Within01Db() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip[] clips = {
      // a quarter of the sample rate, 45 degrees off the samples: its samples peak 3 dB low
      quarterRateSine(48000, -6),
      quarterRateSine(44100, -1),
      Channels.mix(
          Synth.pan(Synth.clickTrack(44100, 10, 128, 0.3, -3), 0),
          Synth.pan(Synth.tone(44100, 10, 220, -24), -0.3)),
      Synth.pan(Synth.speechLike(48000, 10, 4, -18, 5), 0.2),
      Synth.pan(Synth.noise(44100, 5, -12, 3), 0.7),
    };
    for (int i = 0; i < clips.length; i++) {
      Path f = tmp.resolve("tp" + i + ".wav");
      AudioFiles.writeWav(f, clips[i], WavFormat.FLOAT_32);
      double ours = Loudness.truePeak(clips[i]);
      double theirs = Ffmpeg.truePeak(f);
      System.out.printf(
          "true peak %d: ours %.2f dBTP, ffmpeg %.1f dBTP, sample peak %.2f dBFS%n",
          i, ours, theirs, 20 * Math.log10(clips[i].peak()));
      assertThat(ours).as("clip %d", i).isCloseTo(theirs, within(0.1));
    }
    assertThat(Loudness.truePeak(clips[0])).as("between the samples").isCloseTo(-6, within(0.01));
    assertThat(Loudness.truePeak(clips[1])).as("between the samples").isCloseTo(-1, within(0.01));
  }

  private static AudioClip quarterRateSine(int rate, double peakDbfs) {
    float[] x = new float[rate * 2];
    double amplitude = Math.pow(10, peakDbfs / 20);
    int fade = rate / 20; // 50 ms raised-cosine ends: an abrupt start would ring above the peak
    for (int i = 0; i < x.length; i++) {
      int edge = Math.min(i, x.length - 1 - i);
      double gain = edge >= fade ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / fade);
      x[i] = (float) (gain * amplitude * Math.sin(Math.PI / 2 * i + Math.PI / 4));
    }
    return AudioClip.wrap(rate, new float[][] {x});
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
