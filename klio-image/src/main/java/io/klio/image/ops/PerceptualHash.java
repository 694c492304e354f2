package io.klio.image.ops;

import io.klio.image.Image;
import java.util.Arrays;

/**
 * The DCT perceptual hash (pHash): 64 bits that change little when an image is re-encoded, rescaled
 * or slightly retouched, and differ in about half their bits between unrelated images.
 *
 * <p>The image is reduced to 32x32 grey (Rec. 601 luma, area averaging, so that the hash does not
 * depend on the input size), transformed with a 2-D DCT-II, and the top-left 8x8 block of
 * coefficients, the lowest frequencies, is kept. The median is taken over its 63 AC coefficients:
 * the DC term is the mean brightness, far larger than the rest, and would skew it. Bit {@code 8u +
 * v} (u the vertical, v the horizontal frequency) is set when coefficient (u, v) is above that
 * median; bit 0, the DC term, is thus set for any image that is not black, and the information is
 * in the other 63.
 */
public final class PerceptualHash {
  private static final int N = 32;
  private static final int K = 8;
  private static final double[][] COS = cosines();

  private PerceptualHash() {}

  /** The 64-bit pHash of {@code image}. */
  public static long of(Image image) {
    Image small = Resize.area(image, N, N);
    double[][] g = new double[N][N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        int p = small.argb(x, y);
        g[y][x] = Colors.Luma.REC_601.of((p >>> 16) & 0xFF, (p >>> 8) & 0xFF, p & 0xFF);
      }
    }
    double[] coef = new double[K * K];
    // Separable DCT-II, only the K lowest frequencies: rows first, then columns.
    double[][] rows = new double[N][K];
    for (int y = 0; y < N; y++) {
      for (int v = 0; v < K; v++) {
        double s = 0;
        for (int x = 0; x < N; x++) {
          s += g[y][x] * COS[v][x];
        }
        rows[y][v] = s;
      }
    }
    for (int u = 0; u < K; u++) {
      for (int v = 0; v < K; v++) {
        double s = 0;
        for (int y = 0; y < N; y++) {
          s += rows[y][v] * COS[u][y];
        }
        coef[u * K + v] = s;
      }
    }
    double[] ac = Arrays.copyOfRange(coef, 1, coef.length);
    Arrays.sort(ac);
    double median = ac[ac.length / 2]; // 63 values: the middle one
    long hash = 0;
    for (int i = 0; i < coef.length; i++) {
      if (coef[i] > median) {
        hash |= 1L << i;
      }
    }
    return hash;
  }

  /** The number of bits in which two hashes differ, 0..64. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  private static double[][] cosines() {
    double[][] c = new double[K][N];
    for (int k = 0; k < K; k++) {
      for (int n = 0; n < N; n++) {
        c[k][n] = Math.cos(Math.PI * (n + 0.5) * k / N);
      }
    }
    return c;
  }
}
