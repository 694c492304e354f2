package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import org.junit.jupiter.api.Test;

class HpssTest {
  @Test
  void inverseStftGivesTheSignalBack() {
    float[] x = Synth.speechLike(22050, 3, 4, -20, 2).channel(0);
    for (int hop : new int[] {256, 512, 1024}) {
      Stft stft = new Stft(2048, hop);
      double err = errorDb(stft.inverse(stft.spectra(x), x.length), x);
      System.out.printf("istft 2048/%d: error %.1f dB%n", hop, err);
      assertThat(err).as("hop %d", hop).isLessThan(-120);
    }
  }

  @Test
  void harmonicPlusPercussiveIsTheInput() {
    AudioClip mix =
        Channels.mix(
            Synth.pan(Synth.clickTrack(44100, 6, 120, 0.2, -6), -0.4),
            Synth.pan(Synth.tone(44100, 6, 330, -18), 0.3),
            Synth.pan(Synth.speechLike(44100, 6, 4, -20, 4), 0));
    Hpss s = Hpss.separate(mix);
    assertThat(s.harmonic().channelCount()).isEqualTo(2);
    assertThat(s.harmonic().frameCount()).isEqualTo(mix.frameCount());
    double worst = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 2; c++) {
      float[] sum = s.harmonic().channel(c).clone();
      float[] p = s.percussive().channel(c);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += p[i];
      }
      worst = Math.max(worst, errorDb(sum, mix.channel(c)));
    }
    System.out.printf("hpss: harmonic + percussive vs input %.1f dB%n", worst);
    assertThat(worst).isLessThan(-100);
  }

  @Test
  void toneGoesToHarmonicAndClicksToPercussive() {
    for (int rate : new int[] {22050, 44100}) {
      float[] tone = Synth.tone(rate, 8, 440, -12).channel(0);
      float[] clicks = Synth.clickTrack(rate, 8, 100, 0.3, -6).channel(0);
      AudioClip mix = Channels.mix(AudioClip.of(rate, tone), AudioClip.of(rate, clicks));
      Hpss s = Hpss.separate(mix);
      float[] h = s.harmonic().channel(0);
      float[] p = s.percussive().channel(0);
      // how much of each source each part carries: the projection of the part on the source
      double toneInH = dot(h, tone) / dot(tone, tone);
      double toneInP = dot(p, tone) / dot(tone, tone);
      double clicksInP = dot(p, clicks) / dot(clicks, clicks);
      double clicksInH = dot(h, clicks) / dot(clicks, clicks);
      double toneSeparation = 20 * Math.log10(toneInH / Math.abs(toneInP));
      double clickSeparation = 20 * Math.log10(clicksInP / Math.abs(clicksInH));
      double hError = errorDb(h, tone); // harmonic part vs the tone alone
      double pError = errorDb(p, clicks);
      System.out.printf(
          "hpss tone+clicks at %d Hz: tone %.3f in harmonic, %.3f in percussive (%.1f dB);"
              + " clicks %.3f in percussive, %.3f in harmonic (%.1f dB); harmonic - tone %.1f dB,"
              + " percussive - clicks %.1f dB%n",
          rate,
          toneInH,
          toneInP,
          toneSeparation,
          clicksInP,
          clicksInH,
          clickSeparation,
          hError,
          pError);
      assertThat(toneSeparation).isGreaterThan(40);
      assertThat(clickSeparation).isGreaterThan(30);
      assertThat(hError).isLessThan(-30);
      assertThat(pError).isLessThan(-15);
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /** Energy of {@code y - x} relative to that of {@code x}, dB. */
  static double errorDb(float[] y, float[] x) {
    double e = 0, ref = 0;
    for (int i = 0; i < x.length; i++) {
      e += (y[i] - x[i]) * (double) (y[i] - x[i]);
      ref += (double) x[i] * x[i];
    }
    return 10 * Math.log10(e / ref);
  }
}
