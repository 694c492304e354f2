package io.klio.image.ops;

import io.klio.image.Image;

/**
 * Colour conversions on 8-bit sRGB values.
 *
 * <p>Luma is the weighted sum of the gamma-encoded R', G', B' values (what video and most image
 * tools call grey), not the luminance of linear light. Two weightings: {@link Luma#REC_709}
 * (0.2126, 0.7152, 0.0722), the one that belongs to sRGB's primaries and the default here; {@link
 * Luma#REC_601} (0.299, 0.587, 0.114), the older NTSC weights that JPEG, PIL's {@code convert("L")}
 * and OpenCV use, for matching those tools.
 */
public final class Colors {
  private Colors() {}

  /** Luma weights. */
  public enum Luma {
    REC_709(0.2126, 0.7152, 0.0722),
    REC_601(0.299, 0.587, 0.114);

    private final double kr;
    private final double kg;
    private final double kb;

    Luma(double kr, double kg, double kb) {
      this.kr = kr;
      this.kg = kg;
      this.kb = kb;
    }

    /** The luma of 8-bit R', G', B', unrounded, in [0, 255]. */
    public double of(int r, int g, int b) {
      return kr * r + kg * g + kb * b;
    }

    /** The luma of a packed {@code 0x..RRGGBB} pixel, rounded to 8 bits. */
    public int of(int rgb) {
      return (int) Math.round(of((rgb >>> 16) & 0xFF, (rgb >>> 8) & 0xFF, rgb & 0xFF));
    }
  }

  /** A grey image (R = G = B = luma by {@code luma}, rounded); alpha is kept. */
  public static Image grayscale(Image in, Luma luma) {
    int[] p = in.pixels();
    for (int i = 0; i < p.length; i++) {
      int y = luma.of(p[i]);
      p[i] = (p[i] & 0xFF000000) | y << 16 | y << 8 | y;
    }
    return Image.wrap(in.width(), in.height(), in.hasAlpha(), p);
  }

  /** A grey image by Rec. 709 luma. */
  public static Image grayscale(Image in) {
    return grayscale(in, Luma.REC_709);
  }

  /**
   * HSV of 8-bit R, G, B: {@code {h, s, v}}, hue in degrees [0, 360), saturation and value in [0,
   * 1]. Greys (R = G = B) have hue 0 and saturation 0.
   */
  public static double[] rgbToHsv(int r, int g, int b) {
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    double v = max / 255.0;
    if (max == min) {
      return new double[] {0, 0, v};
    }
    double d = max - min;
    double s = d / max;
    double h;
    if (max == r) {
      h = 60 * ((g - b) / d);
    } else if (max == g) {
      h = 60 * ((b - r) / d + 2);
    } else {
      h = 60 * ((r - g) / d + 4);
    }
    if (h < 0) {
      h += 360;
    }
    return new double[] {h, s, v};
  }

  /**
   * Packed {@code 0xRRGGBB} of hue {@code h} degrees (any value, taken modulo 360), saturation and
   * value in [0, 1] (clamped); each channel rounded to 8 bits.
   */
  public static int hsvToRgb(double h, double s, double v) {
    s = Math.max(0, Math.min(1, s));
    v = Math.max(0, Math.min(1, v));
    double hh = ((h % 360) + 360) % 360 / 60;
    double c = v * s;
    double x = c * (1 - Math.abs(hh % 2 - 1));
    double r;
    double g;
    double b;
    switch ((int) hh) {
      case 0 -> {
        r = c;
        g = x;
        b = 0;
      }
      case 1 -> {
        r = x;
        g = c;
        b = 0;
      }
      case 2 -> {
        r = 0;
        g = c;
        b = x;
      }
      case 3 -> {
        r = 0;
        g = x;
        b = c;
      }
      case 4 -> {
        r = x;
        g = 0;
        b = c;
      }
      default -> {
        r = c;
        g = 0;
        b = x;
      }
    }
    double m = v - c;
    return to8(r + m) << 16 | to8(g + m) << 8 | to8(b + m);
  }

  private static int to8(double unit) {
    return (int) Math.round(unit * 255);
  }
}
