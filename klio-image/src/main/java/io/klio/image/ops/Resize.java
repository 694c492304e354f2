package io.klio.image.ops;

import io.klio.image.Image;

/**
 * Resizing with separable filters, rows then columns, in float.
 *
 * <ul>
 *   <li>{@link Filter#AREA}: each output pixel is the mean of the input area it covers, weighted by
 *       exact overlap. The default for downscaling: it uses every input pixel once, so it cannot
 *       alias a fine pattern into a coarse one, and its weights are never negative, so it cannot
 *       ring (overshoot) at edges. Upscaling with it is pixel replication with blended seams.
 *   <li>{@link Filter#LANCZOS3}: the windowed sinc {@code sinc(x) sinc(x/3)}, |x| &lt; 3, stretched
 *       by the scale factor when downscaling. Sharper than area averaging and better for upscaling,
 *       at the price of a small overshoot at hard edges (clamped to [0, 255]).
 * </ul>
 *
 * <p>Filtering is done on the stored sRGB values, as ffmpeg, ImageMagick's default and browsers do;
 * averaging in linear light would be more physical but would not match what other tools produce.
 * Images with alpha are filtered premultiplied, so fully transparent pixels do not bleed their
 * (invisible) colour into their neighbours. Edges are extended by repeating the border pixel.
 */
public final class Resize {
  private Resize() {}

  /** The resampling filter. */
  public enum Filter {
    AREA,
    LANCZOS3
  }

  /** Resized to {@code width x height} by area averaging. */
  public static Image area(Image in, int width, int height) {
    return to(in, width, height, Filter.AREA);
  }

  /** Resized to {@code width x height} with the Lanczos-3 filter. */
  public static Image lanczos3(Image in, int width, int height) {
    return to(in, width, height, Filter.LANCZOS3);
  }

  /** Resized to {@code width x height} with {@code filter}. */
  public static Image to(Image in, int width, int height, Filter filter) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "width and height must be positive, were " + width + "x" + height);
    }
    int w = in.width();
    int h = in.height();
    boolean alpha = in.hasAlpha();
    float[][] planes = Planes.split(in, alpha);
    Weights horizontal = Weights.of(w, width, filter);
    Weights vertical = Weights.of(h, height, filter);
    float[][] out = new float[planes.length][];
    for (int c = 0; c < planes.length; c++) {
      float[] rows = horizontal.applyRows(planes[c], w, h);
      out[c] = vertical.applyColumns(rows, width, h);
    }
    return Planes.join(out, width, height, alpha);
  }

  /** For each output index: the first input index used and its weights (summing to 1). */
  private record Weights(int[] first, float[][] w) {
    static Weights of(int in, int out, Filter filter) {
      double scale = (double) in / out;
      int[] first = new int[out];
      float[][] w = new float[out][];
      for (int o = 0; o < out; o++) {
        double lo;
        double hi;
        if (filter == Filter.AREA) {
          lo = o * scale;
          hi = (o + 1) * scale;
        } else {
          double support = 3 * Math.max(scale, 1);
          double centre = (o + 0.5) * scale;
          lo = centre - support;
          hi = centre + support;
        }
        int i0 = (int) Math.floor(lo);
        int i1 = (int) Math.ceil(hi) - 1;
        double[] raw = new double[i1 - i0 + 1];
        double sum = 0;
        for (int i = i0; i <= i1; i++) {
          double v;
          if (filter == Filter.AREA) {
            v = Math.min(hi, i + 1) - Math.max(lo, i); // overlap of [i, i+1] with [lo, hi]
          } else {
            double centre = (o + 0.5) * scale;
            v = lanczos3((i + 0.5 - centre) / Math.max(scale, 1));
          }
          raw[i - i0] = v;
          sum += v;
        }
        // Fold taps outside the image onto the border pixel (edge repetition).
        int a = Math.max(0, i0);
        int b = Math.min(in - 1, i1);
        float[] folded = new float[b - a + 1];
        for (int i = i0; i <= i1; i++) {
          int k = Math.min(b, Math.max(a, i)) - a;
          folded[k] += (float) (raw[i - i0] / sum);
        }
        first[o] = a;
        w[o] = folded;
      }
      return new Weights(first, w);
    }

    float[] applyRows(float[] src, int srcWidth, int rows) {
      int outWidth = first.length;
      float[] dst = new float[outWidth * rows];
      for (int y = 0; y < rows; y++) {
        int base = y * srcWidth;
        for (int o = 0; o < outWidth; o++) {
          float[] ws = w[o];
          int f = base + first[o];
          float acc = 0;
          for (int k = 0; k < ws.length; k++) {
            acc += ws[k] * src[f + k];
          }
          dst[y * outWidth + o] = acc;
        }
      }
      return dst;
    }

    float[] applyColumns(float[] src, int width, int srcHeight) {
      int outHeight = first.length;
      float[] dst = new float[width * outHeight];
      for (int o = 0; o < outHeight; o++) {
        float[] ws = w[o];
        for (int k = 0; k < ws.length; k++) {
          float wk = ws[k];
          int row = (first[o] + k) * width;
          for (int x = 0; x < width; x++) {
            dst[o * width + x] += wk * src[row + x];
          }
        }
      }
      return dst;
    }
  }

  static double lanczos3(double x) {
    if (x == 0) {
      return 1;
    }
    if (Math.abs(x) >= 3) {
      return 0;
    }
    double px = Math.PI * x;
    return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
  }
}
