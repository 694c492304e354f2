package io.klio.image.ops;

import io.klio.image.Image;

/**
 * Per-channel histograms of an image: 256 bins each for red, green, blue and Rec. 709 luma
 * (rounded, as {@link Colors#grayscale(Image)} computes it). Every pixel counts once, whatever its
 * alpha.
 */
public final class Histogram {
  private final int[] red = new int[256];
  private final int[] green = new int[256];
  private final int[] blue = new int[256];
  private final int[] luma = new int[256];
  private final long pixels;

  private Histogram(Image in) {
    int[] p = in.pixels();
    for (int v : p) {
      red[(v >>> 16) & 0xFF]++;
      green[(v >>> 8) & 0xFF]++;
      blue[v & 0xFF]++;
      luma[Colors.Luma.REC_709.of(v)]++;
    }
    pixels = p.length;
  }

  public static Histogram of(Image in) {
    return new Histogram(in);
  }

  /** Counts of red values 0..255 (a copy). */
  public int[] red() {
    return red.clone();
  }

  public int[] green() {
    return green.clone();
  }

  public int[] blue() {
    return blue.clone();
  }

  /** Counts of Rec. 709 luma values 0..255 (a copy). */
  public int[] luma() {
    return luma.clone();
  }

  /** The number of pixels counted (each bin array sums to it). */
  public long pixels() {
    return pixels;
  }

  /** The mean of a bin array, in [0, 255]. */
  public static double mean(int[] bins) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < bins.length; i++) {
      sum += (double) i * bins[i];
      n += bins[i];
    }
    return n == 0 ? 0 : sum / n;
  }
}
