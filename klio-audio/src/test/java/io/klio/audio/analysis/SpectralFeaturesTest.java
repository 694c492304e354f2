package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptors of sox-made material: white, pink and band-limited noise, pure tones. */
class SpectralFeaturesTest {
  @TempDir Path tmp;

  @BeforeEach
  void needsSox() {
    assumeTrue(Commands.onPath("sox"), "sox not on PATH");
  }

  /** A 5 s mono 16-bit 22.05 kHz clip from sox's {@code synth} and further effects. */
  AudioClip sox(String name, String... synthAndEffects) throws Exception {
    Path f = tmp.resolve(name + ".wav");
    List<String> cmd =
        new ArrayList<>(List.of("sox", "-R", "-r", "22050", "-n", "-c", "1", "-b", "16"));
    cmd.add(f.toString());
    cmd.addAll(Arrays.asList(synthAndEffects));
    Commands.run(cmd.toArray(new String[0]));
    return AudioFiles.read(f);
  }

  static SpectralFeatures report(String what, AudioClip clip) {
    SpectralFeatures s = SpectralFeatures.of(clip);
    System.out.printf(
        "spectral %s: centroid %.1f Hz, rolloff %.1f Hz, flatness %.4f, contrast %s dB%n",
        what,
        s.meanCentroid(),
        s.meanRolloff(),
        s.meanFlatness(),
        Arrays.stream(s.meanContrast()).mapToObj(v -> String.format("%.1f", v)).toList());
    return s;
  }

  @Test
  void whiteNoiseIsFlatWithItsCentroidAtAQuarterOfTheRate() throws Exception {
    SpectralFeatures s = report("white", sox("white", "synth", "5", "whitenoise", "gain", "-6"));
    // periodogram bins of Gaussian noise are exponential: E[ln P] = ln E[P] - 0.5772
    assertThat(s.meanFlatness()).isCloseTo(Math.exp(-0.5772156649), within(0.02));
    assertThat(s.meanCentroid()).isCloseTo(22050 / 4.0, within(100.0));
    // 85% of a flat magnitude spectrum lies below 0.85 * Nyquist
    assertThat(s.meanRolloff()).isCloseTo(0.85 * 11025, within(150.0));
  }

  @Test
  void pinkNoiseLeansLowAndIsLessFlat() throws Exception {
    SpectralFeatures white =
        SpectralFeatures.of(sox("w", "synth", "5", "whitenoise", "gain", "-6"));
    SpectralFeatures pink = report("pink", sox("pink", "synth", "5", "pinknoise", "gain", "-6"));
    // magnitude ~ f^-1/2 from 0 to Nyquist F: centroid F/3, rolloff 0.85^2 F
    assertThat(pink.meanCentroid()).isCloseTo(11025 / 3.0, within(400.0));
    assertThat(pink.meanRolloff()).isCloseTo(0.7225 * 11025, within(600.0));
    assertThat(pink.meanFlatness()).isLessThan(white.meanFlatness() - 0.1);
  }

  @Test
  void bandLimitedNoiseRollsOffInsideItsBand() throws Exception {
    SpectralFeatures s =
        report(
            "noise 2-3 kHz",
            sox("band", "synth", "5", "whitenoise", "sinc", "2000-3000", "gain", "-3"));
    assertThat(s.meanRolloff()).isBetween(2000.0, 3000.0);
    assertThat(s.meanCentroid()).isBetween(2000.0, 3000.0);
    for (int t = 2; t < s.frames() - 2; t++) {
      assertThat(s.rolloff(t)).isBetween(2000f, 3000f);
    }
  }

  @Test
  void pureTonesHaveTheirCentroidAndNoFlatness() throws Exception {
    for (double hz : new double[] {220, 1000, 3150.5, 7000}) {
      SpectralFeatures s =
          report(hz + " Hz", sox("t" + hz, "synth", "5", "sine", "" + hz, "gain", "-6"));
      double bin = 22050 / 2048.0;
      for (int t = 2; t < s.frames() - 2; t++) {
        assertThat((double) s.centroid(t)).isCloseTo(hz, within(bin));
        assertThat((double) s.flatness(t)).isLessThan(1e-3);
      }
    }
  }

  @Test
  void aToneHasMoreContrastThanNoise() throws Exception {
    double[] tone =
        report("1 kHz", sox("t", "synth", "5", "sine", "1000", "gain", "-6")).meanContrast();
    double[] noise =
        SpectralFeatures.of(sox("n", "synth", "5", "whitenoise", "gain", "-6")).meanContrast();
    // the tone sits in the 800-1600 Hz band (index 3): a peak far above that band's valley
    assertThat(tone[3]).isGreaterThan(noise[3] + 10);
    assertThat(Arrays.stream(tone).average().orElseThrow())
        .isGreaterThan(Arrays.stream(noise).average().orElseThrow());
  }

  @Test
  void silenceHasZeroCentroidAndFlatnessOne() {
    SpectralFeatures s = SpectralFeatures.of(AudioClip.silence(22050, 1, 22050));
    assertThat(s.meanCentroid()).isZero();
    assertThat(s.meanRolloff()).isZero();
    assertThat(s.meanFlatness()).isCloseTo(1.0, within(1e-6));
  }
}
