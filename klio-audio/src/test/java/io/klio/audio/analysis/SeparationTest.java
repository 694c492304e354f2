package io.klio.audio.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.klio.audio.AudioClip;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeparationTest {
  private static final int RATE = 22050;
  private static final double SECONDS = 20;
  private static final double[] LOOP_HZ = {220, 261.63, 329.63, 440};

  /** A one-second loop of four notes, repeated: the same sound every second. */
  private static double loopHz(double t) {
    return LOOP_HZ[(int) ((t % 1.0) * 4)];
  }

  /** A glide that never returns to a pitch: 1.2 kHz to 3 kHz over the clip. */
  private static double glideHz(double t) {
    return 1200 + 1800 * t / SECONDS;
  }

  private static AudioClip loopUnderGlide() {
    int n = (int) (RATE * SECONDS);
    float[] x = new float[n];
    double glidePhase = 0;
    for (int i = 0; i < n; i++) {
      double t = i / (double) RATE;
      double f = loopHz(t);
      double note = 0;
      for (int h = 1; h <= 3; h++) {
        note += Math.sin(2 * Math.PI * f * h * t) / h;
      }
      glidePhase += 2 * Math.PI * glideHz(t) / RATE;
      x[i] = (float) (0.3 * note + 0.2 * Math.sin(glidePhase));
    }
    return AudioClip.of(RATE, new float[][] {x});
  }

  @Test
  void theLoopIsBackgroundAndTheGlideIsForeground() {
    Separation s = Separation.of(loopUnderGlide());
    Spectrogram bg = s.background();
    Spectrogram fg = s.foreground();
    int frames = bg.frames();
    double[] loopMargin = new double[frames];
    double[] glideMargin = new double[frames];
    int n = 0;
    for (int f = 0; f < frames; f++) {
      double t = f / bg.frameRate();
      // away from the note changes and the ends, where a frame straddles two sounds
      double inNote = (t % 0.25) / 0.25;
      if (t < 0.5 || t > SECONDS - 0.5 || inNote < 0.3 || inNote > 0.7) {
        continue;
      }
      int loopRow = bg.rowOf(loopHz(t));
      int glideRow = bg.rowOf(glideHz(t));
      loopMargin[n] = bg.db(f, loopRow) - fg.db(f, loopRow);
      glideMargin[n] = fg.db(f, glideRow) - bg.db(f, glideRow);
      n++;
    }
    double loop = median(Arrays.copyOf(loopMargin, n));
    double glide = median(Arrays.copyOf(glideMargin, n));
    System.out.printf(
        "separation over %d frames: loop %.1f dB more in the background, glide %.1f dB more in the"
            + " foreground%n",
        n, loop, glide);
    assertTrue(n > 300, "frames checked: " + n);
    assertTrue(loop > 20, "loop note, background over foreground: " + loop + " dB");
    assertTrue(glide > 10, "glide, foreground over background: " + glide + " dB");
  }

  @Test
  void theFullPartIsTheClipsLogMelSpectrogram() {
    AudioClip clip = loopUnderGlide();
    Spectrogram full = Separation.of(clip).full();
    Spectrogram direct = Spectrogram.logMel(clip);
    assertEquals(direct.frames(), full.frames());
    for (int f = 0; f < full.frames(); f += 97) {
      for (int r = 0; r < full.rows(); r++) {
        assertEquals(direct.db(f, r), full.db(f, r), 1e-3, "frame " + f + " row " + r);
      }
    }
  }

  @Test
  void eachFrameBecomesTheMedianOfItsMostSimilarFramesFarEnoughAway() {
    // frames alternate between two shapes; frame 4 is odd: three close to A, one exact B
    float[] a = {1, 0, 0};
    float[] b = {0, 1, 0};
    float[][] s = {a, b, a, b, {2, 0.1f, 0}, b, {3, 0, 0}, b, {4, 0, 1}, b};
    // gap 2: frame t may use frames with |j - t| >= 2; T = 10 gives k = 2 ceil(sqrt(7)) = 6
    float[][] out = Separation.nearestNeighbourMedian(s, 2);
    // frame 0's candidates 2..9, most similar first: 2 (cos 1), 6 (1), 4 (0.999), 8 (0.97),
    // then the B frames (0) and 3, 5, 7, 9 tie; six of them: 2, 6, 4, 8 and two B frames
    float[] f0 = out[0];
    // bin 0 over {1, 3, 2, 4, 0, 0}: median (1 + 2) / 2 = 1.5
    assertEquals(1.5f, f0[0], 1e-6);
    // bin 1 over {0, 0, 0.1, 0, 1, 1}: median (0 + 0.1) / 2 = 0.05
    assertEquals(0.05f, f0[1], 1e-6);
    // a B frame's nearest are the other B frames (cos 1): its median is B itself
    assertArrayEquals(b, out[5], 1e-6f);
  }

  @Test
  void aClipShorterThanTwoGapsKeepsItsFrames() {
    float[][] s = {{1, 2}, {3, 4}, {5, 6}};
    float[][] out = Separation.nearestNeighbourMedian(s, 2);
    for (int t = 0; t < s.length; t++) {
      assertArrayEquals(s[t], out[t]);
    }
  }

  @Test
  void theMedianAcrossRowsIsNumpys() {
    java.util.Random rnd = new java.util.Random(3);
    for (int count = 1; count <= 120; count++) {
      float[][] w = new float[count][7];
      for (float[] row : w) {
        for (int k = 0; k < row.length; k++) {
          row[k] = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextFloat(); // with ties
        }
      }
      float[] expected = new float[7];
      for (int k = 0; k < 7; k++) {
        float[] column = new float[count];
        for (int i = 0; i < count; i++) {
          column[i] = w[i][k];
        }
        Arrays.sort(column);
        expected[k] = (column[(count - 1) / 2] + column[count / 2]) / 2;
      }
      float[] out = new float[7];
      new MedianFilter.AcrossRows(count).median(w, out, 7);
      assertArrayEquals(expected, out, "count " + count);
    }
  }

  @Test
  void softMaskIsPowerTwoAndZeroWhereBothAreZero() {
    assertEquals(0.8, Separation.softMask(2, 1), 1e-12);
    assertEquals(0.0, Separation.softMask(0, 0));
    assertEquals(1.0, Separation.softMask(3, 0), 1e-12);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
