package io.klio.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.audio.AudioClip;
import io.klio.audio.synth.Synth;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
  /** RMS of the middle of a signal (edges excluded: the input is zero outside the clip). */
  static double middleRms(float[] x) {
    int from = x.length / 10, to = x.length - x.length / 10;
    double s = 0;
    for (int i = from; i < to; i++) {
      s += (double) x[i] * x[i];
    }
    return Math.sqrt(s / (to - from));
  }

  /** Frequency of the largest bin of a Hann-windowed FFT over the middle of the signal. */
  static double peakHz(float[] x, int rate) {
    int n = Integer.highestOneBit(x.length * 8 / 10);
    int off = (x.length - n) / 2;
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = x[off + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    new DoubleFFT_1D(n).realForward(b);
    int best = 1;
    double bestP = 0;
    for (int k = 1; k < n / 2; k++) {
      double p = b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    return best * (double) rate / n;
  }

  static double gainDb(int in, int out, double hz) {
    AudioClip tone = Synth.tone(in, 1, hz, -6, false);
    float[] y = Resampler.of(in, out).process(tone.channel(0));
    return 20 * Math.log10(middleRms(y) / middleRms(tone.channel(0)));
  }

  @Test
  void downsamplingKeepsA1kToneAt1k() {
    AudioClip tone = Synth.tone(44100, 1, 1000, -6, false);
    AudioClip out = Resampler.resample(tone, 22050);
    assertThat(out.sampleRate()).isEqualTo(22050);
    assertThat(out.frameCount()).isEqualTo(22050);
    assertThat(peakHz(out.channel(0), 22050)).isCloseTo(1000, within(22050.0 / 16384));
    assertThat(gainDb(44100, 22050, 1000)).isCloseTo(0, within(0.001));
  }

  @Test
  void downsamplingRemovesA15kToneAboveTheNewNyquist() {
    double db = gainDb(44100, 22050, 15000);
    System.out.printf("44.1k->22.05k: 15 kHz attenuated by %.1f dB%n", -db);
    assertThat(db).isLessThan(-60);
  }

  @Test
  void stopbandAndPassbandAsDocumented() {
    // passband flat to 0.9 of the new Nyquist, stopband from the new Nyquist
    for (double hz : new double[] {100, 5000, 9900}) {
      assertThat(gainDb(44100, 22050, hz)).as("%s Hz", hz).isCloseTo(0, within(0.001));
    }
    double worst = Double.NEGATIVE_INFINITY;
    for (double hz = 11025; hz <= 22000; hz += 500) {
      worst = Math.max(worst, gainDb(44100, 22050, hz));
    }
    System.out.printf("44.1k->22.05k: worst stopband gain 11.025-22 kHz %.1f dB%n", worst);
    assertThat(worst).isLessThan(-90);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"48000, 44100", "44100, 48000", "22050, 44100", "44100, 16000", "44100, 44101"})
  void otherRatiosKeepTonesAndLevels(int in, int out) {
    AudioClip tone = Synth.tone(in, 1, 1000, -6, false);
    AudioClip y = Resampler.resample(tone, out);
    assertThat(y.frameCount()).isEqualTo((int) Math.ceil(tone.frameCount() * (double) out / in));
    assertThat(peakHz(y.channel(0), out)).isCloseTo(1000, within(2.0 * out / 32768));
    assertThat(gainDb(in, out, 1000)).isCloseTo(0, within(0.001));
  }

  @Test
  void upsamplingLeavesNoImages() {
    // a 10 kHz tone at 22.05k has its image at 12.05 kHz after naive upsampling
    AudioClip tone = Synth.tone(22050, 1, 10000, -6, false);
    float[] y = Resampler.of(22050, 44100).process(tone.channel(0));
    assertThat(peakHz(y, 44100)).isCloseTo(10000, within(3.0));
    // remove the 10 kHz component by measuring energy above 11.025 kHz
    int n = 32768;
    int off = (y.length - n) / 2;
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = y[off + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    }
    new DoubleFFT_1D(n).realForward(b);
    double inBand = 0, image = 0;
    for (int k = 1; k < n / 2; k++) {
      double hz = k * 44100.0 / n;
      double p = b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
      if (hz > 11025) {
        image += p;
      } else {
        inBand += p;
      }
    }
    assertThat(10 * Math.log10(image / inBand)).isLessThan(-60);
  }

  @Test
  void mixDownAndNormalise() {
    AudioClip st = AudioClip.of(8000, new float[] {1f, 0.5f}, new float[] {0f, -0.5f});
    assertThat(Channels.toMono(st).channel(0)).containsExactly(0.5f, 0f);
    AudioClip p = Levels.normalisePeak(st, -6);
    assertThat(p.peak()).isCloseTo(Levels.fromDb(-6), within(1e-6));
    AudioClip r = Levels.normaliseRms(Synth.tone(8000, 1, 440, 0, false), -20);
    assertThat(Levels.toDb(r.rms())).isCloseTo(-20, within(1e-4));
    assertThat(Levels.normalisePeak(AudioClip.silence(8000, 1, 10), 0).peak()).isZero();
  }
}
