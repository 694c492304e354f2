package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MedianFilterTest {
  /** The median of {@code w} values around each position, zeros beyond the ends, by sorting. */
  private static float median(float[] window) {
    float[] sorted = window.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static float[][] spectrogram(int frames, int bins, long seed) {
    Random rnd = new Random(seed);
    float[][] s = new float[frames][bins];
    for (float[] row : s) {
      for (int k = 0; k < bins; k++) {
        // powers with ties and zeros, as an STFT of quiet material has
        row[k] = rnd.nextInt(4) == 0 ? 0f : rnd.nextInt(6) == 0 ? 1f : rnd.nextFloat() * 100;
      }
    }
    return s;
  }

  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {3, 5, 9, 17})
  void selectionNetworkGivesTheTwoMiddleRanksOfEvery01Input(int width) {
    int inputs = width - 1;
    int lo = width / 2 - 1;
    int hi = width / 2;
    int[] steps = MedianFilter.selection(inputs, lo, hi);
    for (int bits = 0; bits < 1 << inputs; bits++) {
      int[] x = new int[inputs];
      for (int i = 0; i < inputs; i++) {
        x[i] = bits >> i & 1;
      }
      int[] sorted = x.clone();
      Arrays.sort(sorted);
      for (int s = 0; s < steps.length; s += 3) {
        int a = x[steps[s]];
        int b = x[steps[s + 1]];
        if ((steps[s + 2] & 1) != 0) {
          x[steps[s]] = Math.min(a, b);
        }
        if ((steps[s + 2] & 2) != 0) {
          x[steps[s + 1]] = Math.max(a, b);
        }
      }
      assertThat(new int[] {x[lo], x[hi]})
          .as("input %s", Integer.toBinaryString(bits))
          .containsExactly(sorted[lo], sorted[hi]);
    }
  }

  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {3, 5, 17})
  void filtersEqualSortingMedians(int width) {
    int r = width / 2;
    for (int[] size : new int[][] {{1, 7}, {2, 1}, {5, 4}, {40, 513}, {41, 30}, {3, 2}}) {
      int frames = size[0];
      int bins = size[1];
      float[][] s = spectrogram(frames, bins, 31L * frames + bins);
      MedianFilter filter = new MedianFilter(width);
      MedianFilter.Frames overTime = filter.new Frames(bins);
      float[][] alongFrames = new float[frames][bins];
      for (int t = 0; t < frames; t += 2) {
        overTime.alongFrames(s, t, alongFrames[t], t + 1 < frames ? alongFrames[t + 1] : null);
      }
      MedianFilter.Rows rows = filter.new Rows(bins);
      float[] alongBins = new float[bins];
      for (int t = 0; t < frames; t++) {
        rows.alongBins(s[t], alongBins);
        for (int k = 0; k < bins; k++) {
          float[] overFrames = new float[width];
          float[] overBins = new float[width];
          for (int j = -r; j <= r; j++) {
            overFrames[j + r] = t + j >= 0 && t + j < frames ? s[t + j][k] : 0f;
            overBins[j + r] = k + j >= 0 && k + j < bins ? s[t][k + j] : 0f;
          }
          assertThat(alongFrames[t][k])
              .as("along frames %dx%d at %d,%d", frames, bins, t, k)
              .isEqualTo(median(overFrames));
          assertThat(alongBins[k])
              .as("along bins %dx%d at %d,%d", frames, bins, t, k)
              .isEqualTo(median(overBins));
        }
      }
    }
  }

  @Test
  void seventeenNeedsFewerStepsThanASort() {
    assertThat(new MedianFilter(17).steps()).isEqualTo(53);
  }
}
