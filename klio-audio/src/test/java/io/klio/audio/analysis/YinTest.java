package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.synth.Synth;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YinTest {
  @TempDir Path tmp;

  private static final String SENTENCE =
      "The quick brown fox jumps over the lazy dog. She sells sea shells by the sea shore.";

  @Test
  void soxTonesWithin1PercentInEveryFrame() throws Exception {
    assumeTrue(Commands.onPath("sox"), "sox not on PATH");
    double worst = 0;
    for (String shape : new String[] {"sine", "square", "sawtooth"}) {
      for (double hz : new double[] {55, 110, 220, 440, 880, 1760}) {
        Path f = tmp.resolve(shape + hz + ".wav");
        Commands.run(
            "sox",
            "-n",
            "-r",
            "44100",
            "-c",
            "1",
            f.toString(),
            "synth",
            "1",
            shape,
            String.valueOf(hz),
            "vol",
            "0.5");
        Pitch p = Yin.track(AudioFiles.read(f));
        double frameWorst = 0;
        int frames = 0;
        // frames whose 93 ms lie inside the tone
        for (int i = 0; i < p.size(); i++) {
          if (p.time(i) < 0.05 || p.time(i) > 0.95) {
            continue;
          }
          assertThat(p.voiced(i)).as("%s %s Hz frame %d voiced", shape, hz, i).isTrue();
          frameWorst = Math.max(frameWorst, Math.abs(p.f0(i) / hz - 1));
          frames++;
        }
        System.out.printf(
            "yin %s %.0f Hz: median %.3f Hz, worst frame %.4f%% off (%d frames)%n",
            shape, hz, p.medianVoicedF0(), 100 * frameWorst, frames);
        assertThat(frameWorst).as("%s %s Hz", shape, hz).isLessThan(0.01);
        worst = Math.max(worst, frameWorst);
      }
    }
    System.out.printf("yin tones: worst frame %.4f%% off%n", 100 * worst);
  }

  @Test
  void silenceAndNoiseAreUnvoiced() {
    Pitch silence = Yin.track(AudioClip.silence(22050, 1, 22050));
    assertThat(silence.voicedCount()).isZero();
    assertThat(silence.aperiodicity(10)).isEqualTo(1);
    Pitch noise = Yin.track(Synth.noise(44100, 3, -20, 5));
    System.out.printf(
        "yin white noise: %d of %d frames voiced%n", noise.voicedCount(), noise.size());
    assertThat(noise.voicedCount()).isLessThan(noise.size() / 100);
  }

  @Test
  void speechF0FollowsSoxSpeedAndPitchChangesWithin1Percent() throws Exception {
    assumeTrue(Commands.onPath("espeak-ng") && Commands.onPath("sox"), "espeak-ng or sox missing");
    Path speech = tmp.resolve("speech.wav");
    Commands.run("espeak-ng", "-w", speech.toString(), SENTENCE);
    Pitch base = Yin.track(AudioFiles.read(speech));
    describe("espeak-ng", base);
    String[][] changes = {{"speed", "1.1"}, {"speed", "0.85"}, {"pitch", "300"}, {"pitch", "-200"}};
    for (String[] change : changes) {
      Path out = tmp.resolve(change[0] + change[1] + ".wav");
      Commands.run("sox", speech.toString(), out.toString(), change[0], change[1]);
      double expected =
          change[0].equals("speed")
              ? Double.parseDouble(change[1])
              : Math.pow(2, Double.parseDouble(change[1]) / 1200);
      Pitch p = Yin.track(AudioFiles.read(out));
      double ratio = p.medianVoicedF0() / base.medianVoicedF0();
      System.out.printf(
          "yin sox %s %s: median f0 ratio %.4f, expected %.4f (%+.2f%%)%n",
          change[0], change[1], ratio, expected, 100 * (ratio / expected - 1));
      assertThat(ratio)
          .as("sox %s %s", change[0], change[1])
          .isCloseTo(expected, within(0.01 * expected));
    }
  }

  private static void describe(String what, Pitch p) {
    double[] v = Arrays.stream(p.f0()).filter(x -> !Double.isNaN(x)).sorted().toArray();
    System.out.printf(
        "yin %s: %d of %d frames voiced, f0 min %.1f, 1%% %.1f, median %.1f, 99%% %.1f, max %.1f Hz%n",
        what,
        v.length,
        p.size(),
        v[0],
        v[(int) (0.01 * v.length)],
        p.medianVoicedF0(),
        v[(int) (0.99 * v.length)],
        v[v.length - 1]);
  }

  @Test
  void espeakVoicesStayInTheirRangeAndSilenceIsUnvoiced() throws Exception {
    assumeTrue(Commands.onPath("espeak-ng"), "espeak-ng not on PATH");
    double previousMedian = 0;
    for (int pitch : new int[] {20, 50, 80}) {
      Path f = tmp.resolve("p" + pitch + ".wav");
      Commands.run("espeak-ng", "-p", String.valueOf(pitch), "-w", f.toString(), SENTENCE);
      AudioClip clip = AudioFiles.read(f);
      // a speech search range, as one would set it for voices (the default reaches 2 kHz for
      // music, where a narrow-band fricative can pass for a periodic sound)
      Pitch p = Yin.track(clip, 50, 400, Yin.DEFAULT_THRESHOLD);
      describe("espeak-ng -p " + pitch + ", 50-400 Hz", p);
      describe("espeak-ng -p " + pitch + ", defaults", Yin.track(clip));
      double median = p.medianVoicedF0();
      int inside = 0;
      for (int i = 0; i < p.size(); i++) {
        if (p.voiced(i) && p.f0(i) > median / 1.6 && p.f0(i) < median * 1.6) {
          inside++;
        }
      }
      System.out.printf(
          "yin espeak-ng -p %d: %.1f%% of voiced frames within median / 1.6 .. median * 1.6%n",
          pitch, 100.0 * inside / p.voicedCount());
      assertThat(100.0 * inside / p.voicedCount()).as("-p %d", pitch).isGreaterThan(90);
      assertThat(median).as("-p %d", pitch).isGreaterThan(previousMedian);
      previousMedian = median;
      // frames of near silence (below -60 dBFS RMS over the frame) are unvoiced
      float[] x = io.klio.audio.dsp.Resampler.resample(clip, Yin.RATE).channel(0);
      int quiet = 0;
      for (int i = 0; i < p.size(); i++) {
        double e = 0;
        for (int j = i * Yin.HOP - Yin.FRAME / 2; j < i * Yin.HOP + Yin.FRAME / 2; j++) {
          double v = j >= 0 && j < x.length ? x[j] : 0;
          e += v * v;
        }
        if (e / Yin.FRAME < 1e-6) {
          assertThat(p.voiced(i)).as("-p %d frame %d near silence", pitch, i).isFalse();
          quiet++;
        }
      }
      assertThat(quiet).isPositive();
    }
  }
}
