package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.audio.AudioClip;
import io.klio.audio.synth.Synth;
import org.junit.jupiter.api.Test;

class MfccTest {
  static final int N = 2048;
  static final int HOP = 512;
  static final int MELS = 128;

  @Test
  void agreesWithANaiveRouteOnTonesAndNoise() {
    AudioClip[] clips = {
      Synth.tone(22050, 0.5, 440, -6),
      Synth.tone(22050, 0.5, 3321.7, -20),
      Synth.noise(22050, 0.5, -20, 7),
      io.klio.audio.dsp.Channels.mix(
          Synth.tone(22050, 0.5, 150, -10), Synth.noise(22050, 0.5, -50, 3)),
    };
    double worst = 0;
    for (AudioClip clip : clips) {
      Mfcc m = Mfcc.of(clip);
      double[][] ref = naiveMfcc(clip.channel(0), 22050, 20);
      assertThat(m.frames()).isEqualTo(ref.length);
      assertThat(m.coefficients()).isEqualTo(20);
      for (int f = 0; f < ref.length; f++) {
        for (int k = 0; k < 20; k++) {
          worst = Math.max(worst, Math.abs(m.value(f, k) - ref[f][k]));
        }
      }
    }
    System.out.printf("MFCC vs naive DFT/mel/DCT route: worst |difference| %.2e%n", worst);
    assertThat(worst).isLessThan(1e-3);
  }

  @Test
  void aLouderCopyShiftsOnlyC0BySqrt128TimesTheGain() {
    for (AudioClip quiet :
        new AudioClip[] {Synth.noise(22050, 1, -30, 11), Synth.tone(22050, 1, 700, -30)}) {
      float[] x = quiet.channel(0);
      for (int i = 0; i < x.length; i++) {
        x[i] *= 4; // exact in float: power x16, +12.04 dB everywhere
      }
      Mfcc a = Mfcc.of(quiet);
      Mfcc b = Mfcc.of(AudioClip.of(22050, x));
      double expected = 10 * Math.log10(16) * Math.sqrt(MELS);
      for (int f = 0; f < a.frames(); f++) {
        assertThat((double) (b.value(f, 0) - a.value(f, 0))).isCloseTo(expected, within(1e-3));
        for (int k = 1; k < 20; k++) {
          assertThat((double) (b.value(f, k) - a.value(f, k))).isCloseTo(0.0, within(1e-3));
        }
      }
      assertThat(b.mean()[0] - a.mean()[0]).isCloseTo(expected, within(1e-3));
      assertThat(b.std()[0]).isCloseTo(a.std()[0], within(1e-3));
    }
  }

  @Test
  void resamplesAndMixesDownFirstAndReportsFrameTimes() {
    AudioClip at44 = Synth.pan(Synth.tone(44100, 1, 440, -6), 0);
    AudioClip at22 = Synth.tone(22050, 1, 440, -6 - 3.0103);
    Mfcc a = Mfcc.of(at44);
    Mfcc b = Mfcc.of(at22);
    assertThat(a.frames()).isEqualTo(b.frames()).isEqualTo(1 + 22050 / HOP);
    assertThat(a.frameTime(10)).isCloseTo(10 * 512 / 22050.0, within(1e-12));
    // steady middle frames: the same coefficients within a fraction of a dB-scale unit
    for (int k = 0; k < 20; k++) {
      assertThat(a.mean()[k]).as("c%d", k).isCloseTo(b.mean()[k], within(0.5));
    }
  }

  /** Naive DFT of each centred Hann frame, Slaney mel weights from the formulas, naive DCT-II. */
  static double[][] naiveMfcc(float[] x, int rate, int n) {
    int frames = 1 + x.length / HOP;
    double[] cos = new double[N];
    double[] sin = new double[N];
    for (int j = 0; j < N; j++) {
      cos[j] = Math.cos(2 * Math.PI * j / N);
      sin[j] = Math.sin(2 * Math.PI * j / N);
    }
    double[][] w = slaneyMel(rate);
    double[][] db = new double[frames][MELS];
    double max = Double.NEGATIVE_INFINITY;
    double[] frame = new double[N];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < N; i++) {
        int s = f * HOP - N / 2 + i;
        double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N);
        frame[i] = s >= 0 && s < x.length ? x[s] * hann : 0;
      }
      double[] p = new double[N / 2 + 1];
      for (int k = 0; k <= N / 2; k++) {
        double re = 0, im = 0;
        for (int i = 0; i < N; i++) {
          int j = (int) ((long) k * i % N);
          re += frame[i] * cos[j];
          im -= frame[i] * sin[j];
        }
        p[k] = re * re + im * im;
      }
      for (int m = 0; m < MELS; m++) {
        double s = 0;
        for (int k = 0; k <= N / 2; k++) {
          s += w[m][k] * p[k];
        }
        db[f][m] = 10 * Math.log10(Math.max(s, 1e-10));
        max = Math.max(max, db[f][m]);
      }
    }
    double[][] out = new double[frames][n];
    for (int f = 0; f < frames; f++) {
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int m = 0; m < MELS; m++) {
          s += Math.max(db[f][m], max - 80) * Math.cos(Math.PI * k * (2 * m + 1) / (2.0 * MELS));
        }
        out[f][k] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / MELS);
      }
    }
    return out;
  }

  static double hzToMel(double f) {
    return f < 1000 ? 3 * f / 200 : 15 + 27 * Math.log(f / 1000) / Math.log(6.4);
  }

  static double melToHz(double m) {
    return m < 15 ? 200 * m / 3 : 1000 * Math.pow(6.4, (m - 15) / 27);
  }

  static double[][] slaneyMel(int rate) {
    double[] edges = new double[MELS + 2];
    double top = hzToMel(rate / 2.0);
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHz(top * i / (MELS + 1));
    }
    double[][] w = new double[MELS][N / 2 + 1];
    for (int m = 0; m < MELS; m++) {
      for (int k = 0; k <= N / 2; k++) {
        double f = k * (double) rate / N;
        double up = (f - edges[m]) / (edges[m + 1] - edges[m]);
        double down = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
        w[m][k] = Math.max(0, Math.min(up, down)) * 2 / (edges[m + 2] - edges[m]);
      }
    }
    return w;
  }
}
