package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromaTest {
  @TempDir Path tmp;

  static double hz(int midi) {
    return 440 * Math.pow(2, (midi - 69) / 12.0);
  }

  @Test
  void pureTonesAndHarmonicNotesPeakAtTheirPitchClassFromC2ToB7() {
    int notes = 0;
    for (int midi = 36; midi < 108; midi++) {
      AudioClip tone = Synth.tone(22050, 0.5, hz(midi), -12);
      assertThat(argmax(Chroma.of(tone).mean())).as("tone midi %d", midi).isEqualTo(midi % 12);
      if (midi < 96) {
        AudioClip note = harmonic(44100, hz(midi), 5);
        assertThat(argmax(Chroma.of(note).mean())).as("note midi %d", midi).isEqualTo(midi % 12);
      }
      notes++;
    }
    assertThat(notes).isEqualTo(72);
  }

  @Test
  void aFrameAgreesWithANaiveDftAndDirectlyComputedKernels() {
    int rate = 22050;
    AudioClip clip =
        Channels.mix(
            Synth.tone(rate, 1, 98.0, -12),
            Synth.tone(rate, 1, 311.1, -18),
            Synth.tone(rate, 1, 1567.98, -24),
            Synth.noise(rate, 1, -50, 5));
    Chroma chroma = Chroma.of(clip);
    float[] x = clip.channel(0);
    int n = 4096;
    double worst = 0;
    for (int frame : new int[] {0, 10, 21}) {
      double[] p = naivePower(x, frame * 1024 - n / 2, n);
      double[] c = new double[12];
      for (int k = 1; k <= n / 2; k++) {
        double f = k * (double) rate / n;
        if (f < hz(36) * Math.pow(2, -1 / 24.0) || f > hz(108) * Math.pow(2, 1 / 24.0)) {
          continue;
        }
        double pitch = 69 + 12 * Math.log(f / 440) / Math.log(2);
        double width = Math.max(1, 12 / Math.log(2) * rate / n / f);
        double[] g = new double[12];
        double sum = 0;
        for (int pc = 0; pc < 12; pc++) {
          double d = 99;
          for (int octave = -1; octave <= 11; octave++) {
            d = Math.min(d, Math.abs(pitch - (pc + 12 * octave)));
          }
          g[pc] = Math.exp(-0.5 * Math.pow(d / (width / 2), 2));
          sum += g[pc];
        }
        for (int pc = 0; pc < 12; pc++) {
          c[pc] += g[pc] / sum * Math.sqrt(p[k]);
        }
      }
      double max = Arrays.stream(c).max().orElseThrow();
      for (int pc = 0; pc < 12; pc++) {
        worst = Math.max(worst, Math.abs(chroma.value(frame, pc) - c[pc] / max));
      }
    }
    System.out.printf("chroma vs naive DFT and kernels: worst |difference| %.2e%n", worst);
    assertThat(worst).isLessThan(1e-4);
    assertThat(chroma.frameTime(10)).isCloseTo(10 * 1024 / 22050.0, within(1e-12));
  }

  @Test
  void soxTriadGivesItsThreePitchClasses() throws Exception {
    assumeTrue(Commands.onPath("sox"), "sox not on PATH");
    // D major (D3 F#3 A3) and Bb minor (Bb3 Db4 F4): three channels, one sine each
    int[][] chords = {{50, 54, 57}, {58, 61, 65}};
    for (int[] chord : chords) {
      Path f = tmp.resolve("chord" + chord[0] + ".wav");
      Commands.run(
          "sox",
          "-R",
          "-r",
          "44100",
          "-n",
          "-c",
          "3",
          f.toString(),
          "synth",
          "1.5",
          "sine",
          String.valueOf(hz(chord[0])),
          "sine",
          String.valueOf(hz(chord[1])),
          "sine",
          String.valueOf(hz(chord[2])),
          "gain",
          "-6");
      double[] mean = Chroma.of(AudioFiles.read(f)).mean();
      int[] top3 =
          IntStream.range(0, 12)
              .boxed()
              .sorted(Comparator.comparingDouble(pc -> -mean[pc]))
              .limit(3)
              .mapToInt(Integer::intValue)
              .sorted()
              .toArray();
      int[] expected = Arrays.stream(chord).map(m -> m % 12).sorted().toArray();
      System.out.printf("sox sines %s: chroma %s%n", Arrays.toString(expected), fmt(mean));
      assertThat(top3).containsExactly(expected);
    }
  }

  static String fmt(double[] v) {
    StringBuilder s = new StringBuilder();
    for (int pc = 0; pc < v.length; pc++) {
      s.append(String.format("%s=%.2f ", Chroma.name(pc), v[pc]));
    }
    return s.toString().trim();
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A note of {@code partials} harmonics with amplitudes 1/h (below Nyquist), 0.5 s. */
  static AudioClip harmonic(int rate, double f0, int partials) {
    float[] x = new float[rate / 2];
    for (int h = 1; h <= partials && f0 * h < rate / 2.0; h++) {
      for (int i = 0; i < x.length; i++) {
        x[i] += (float) (0.2 / h * Math.sin(2 * Math.PI * f0 * h * i / rate));
      }
    }
    return AudioClip.of(rate, x);
  }

  static double[] naivePower(float[] x, int start, int n) {
    double[] frame = new double[n];
    for (int i = 0; i < n; i++) {
      int s = start + i;
      frame[i] = s >= 0 && s < x.length ? x[s] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)) : 0;
    }
    double[] p = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      double re = 0, im = 0;
      for (int i = 0; i < n; i++) {
        double a = 2 * Math.PI * ((long) k * i % n) / n;
        re += frame[i] * Math.cos(a);
        im -= frame[i] * Math.sin(a);
      }
      p[k] = re * re + im * im;
    }
    return p;
  }
}
