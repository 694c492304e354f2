package io.klio.image;

import java.util.SplittableRandom;

/** Generated test pictures and comparisons. */
public final class TestImages {
  private TestImages() {}

  /**
   * A picture with what decoders and scalers find hard: smooth gradients, saturated discs with hard
   * edges, a fine grating and a patch of noise. Different seeds move the discs and the noise.
   */
  public static Image picture(int w, int h, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] discs = new double[5][];
    for (int i = 0; i < discs.length; i++) {
      discs[i] =
          new double[] {
            rnd.nextDouble() * w,
            rnd.nextDouble() * h,
            (0.05 + 0.15 * rnd.nextDouble()) * Math.min(w, h),
            rnd.nextInt(0x1000000)
          };
    }
    double phase = rnd.nextDouble() * 6;
    int[] p = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = (int) (255.0 * x / (w - 1));
        int g = (int) (255.0 * y / (h - 1));
        int b = (int) (127.5 + 127.5 * Math.sin(phase + 0.05 * (x + y)));
        int rgb = r << 16 | g << 8 | b;
        for (double[] d : discs) {
          if (Math.hypot(x - d[0], y - d[1]) < d[2]) {
            rgb = (int) d[3];
          }
        }
        if (x > w * 3 / 4 && y > h * 3 / 4) {
          rgb = ((x / 2 + y / 2) % 2 == 0) ? 0x202020 : 0xE0E0E0; // grating, 4 px period
        } else if (x < w / 5 && y > h * 4 / 5) {
          rgb = rnd.nextInt(0x1000000);
        }
        p[y * w + x] = rgb;
      }
    }
    return Image.rgb(w, h, p);
  }

  /** Max and mean absolute difference over R, G, B. */
  public record Diff(int max, double mean, double psnr) {
    @Override
    public String toString() {
      return String.format("max %d, mean %.3f, PSNR %.2f dB", max, mean, psnr);
    }
  }

  public static Diff diff(Image a, Image b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new AssertionError(a + " vs " + b);
    }
    byte[] x = a.toRgbBytes();
    byte[] y = b.toRgbBytes();
    int max = 0;
    long sum = 0;
    double sq = 0;
    for (int i = 0; i < x.length; i++) {
      int d = Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
      max = Math.max(max, d);
      sum += d;
      sq += (double) d * d;
    }
    double mse = sq / x.length;
    double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    return new Diff(max, (double) sum / x.length, psnr);
  }
}
