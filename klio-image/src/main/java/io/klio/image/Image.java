package io.klio.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable raster of 8-bit sRGB pixels, with or without alpha.
 *
 * <p>Pixels are stored row by row, top to bottom, as packed {@code 0xAARRGGBB} ints, not
 * premultiplied: the form {@link BufferedImage#TYPE_INT_ARGB} uses, so conversions are cheap. An
 * image without alpha ({@link #hasAlpha()} false) stores {@code 0xFF} in the alpha byte of every
 * pixel. Arrays are copied on the way in and out, so images can be shared between threads and Beam
 * stages; {@link #argb(int, int)} and the channel accessors read without copying.
 *
 * <p>Jobs exchange images through {@link ImageCodec}, which stores them as PNG.
 */
public final class Image implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int width;
  private final int height;
  private final boolean hasAlpha;
  private final int[] argb;

  private Image(int width, int height, boolean hasAlpha, int[] argb) {
    this.width = width;
    this.height = height;
    this.hasAlpha = hasAlpha;
    this.argb = argb;
  }

  /**
   * An image from packed {@code 0xAARRGGBB} pixels, row by row (copied). Without alpha, the alpha
   * bytes given are ignored and stored as {@code 0xFF}.
   *
   * @throws IllegalArgumentException if a dimension is not positive or the array length is not
   *     {@code width * height}
   */
  public static Image of(int width, int height, boolean hasAlpha, int[] argb) {
    return wrap(width, height, hasAlpha, Objects.requireNonNull(argb, "argb").clone());
  }

  /** An opaque image from packed {@code 0xRRGGBB} pixels (copied; any alpha byte is ignored). */
  public static Image rgb(int width, int height, int[] rgb) {
    return of(width, height, false, rgb);
  }

  /** An opaque image of one colour ({@code 0xRRGGBB}). */
  public static Image filled(int width, int height, int rgb) {
    checkSize(width, height);
    int[] p = new int[Math.multiplyExact(width, height)];
    Arrays.fill(p, 0xFF000000 | rgb);
    return new Image(width, height, false, p);
  }

  /**
   * Takes ownership of {@code argb} without copying (the alpha bytes are forced to {@code 0xFF}
   * when {@code hasAlpha} is false). Library-internal: callers must not keep or change the array.
   */
  public static Image wrap(int width, int height, boolean hasAlpha, int[] argb) {
    checkSize(width, height);
    if (argb.length != (long) width * height) {
      throw new IllegalArgumentException(
          "expected "
              + ((long) width * height)
              + " pixels for "
              + width
              + "x"
              + height
              + ", got "
              + argb.length);
    }
    if (!hasAlpha) {
      for (int i = 0; i < argb.length; i++) {
        argb[i] |= 0xFF000000;
      }
    }
    return new Image(width, height, hasAlpha, argb);
  }

  private static void checkSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "width and height must be positive, were " + width + "x" + height);
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Whether the alpha channel carries information; if false every pixel is opaque. */
  public boolean hasAlpha() {
    return hasAlpha;
  }

  /** The pixel at column {@code x}, row {@code y}, as {@code 0xAARRGGBB}. */
  public int argb(int x, int y) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    return argb[y * width + x];
  }

  public int red(int x, int y) {
    return (argb(x, y) >>> 16) & 0xFF;
  }

  public int green(int x, int y) {
    return (argb(x, y) >>> 8) & 0xFF;
  }

  public int blue(int x, int y) {
    return argb(x, y) & 0xFF;
  }

  public int alpha(int x, int y) {
    return argb(x, y) >>> 24;
  }

  /** A copy of the pixels, {@code 0xAARRGGBB}, row by row. */
  public int[] pixels() {
    return argb.clone();
  }

  /** The pixels as interleaved bytes, R G B per pixel, row by row (alpha dropped). */
  public byte[] toRgbBytes() {
    byte[] b = new byte[argb.length * 3];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      b[3 * i] = (byte) (p >>> 16);
      b[3 * i + 1] = (byte) (p >>> 8);
      b[3 * i + 2] = (byte) p;
    }
    return b;
  }

  /** An opaque image from interleaved R G B bytes, row by row (as ffmpeg's {@code rgb24}). */
  public static Image fromRgbBytes(int width, int height, byte[] rgb) {
    checkSize(width, height);
    if (rgb.length != 3L * width * height) {
      throw new IllegalArgumentException(
          "expected "
              + (3L * width * height)
              + " bytes for "
              + width
              + "x"
              + height
              + ", got "
              + rgb.length);
    }
    int[] p = new int[width * height];
    for (int i = 0; i < p.length; i++) {
      p[i] =
          0xFF000000
              | (rgb[3 * i] & 0xFF) << 16
              | (rgb[3 * i + 1] & 0xFF) << 8
              | (rgb[3 * i + 2] & 0xFF);
    }
    return new Image(width, height, false, p);
  }

  /**
   * A new {@link BufferedImage} with these pixels: {@code TYPE_INT_ARGB} with alpha, {@code
   * TYPE_INT_RGB} without. Changing it does not change this image.
   */
  public BufferedImage toBufferedImage() {
    BufferedImage b =
        new BufferedImage(
            width, height, hasAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    b.setRGB(0, 0, width, height, argb, 0, width);
    return b;
  }

  /**
   * The pixels of any {@link BufferedImage}, converted to 8-bit sRGB.
   *
   * <p>Grey images are read from the raster directly: Java's grey colour space is linear, so {@code
   * getRGB} would brighten them, whereas files store grey levels on the sRGB curve. 16-bit samples
   * are rounded to 8 bits. Everything else goes through {@code getRGB}, which applies the image's
   * colour model (palettes, ICC profiles).
   */
  public static Image fromBufferedImage(BufferedImage b) {
    int w = b.getWidth();
    int h = b.getHeight();
    ColorModel cm = b.getColorModel();
    boolean alpha = cm.hasAlpha();
    int[] p = new int[Math.multiplyExact(w, h)];
    if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      Raster r = b.getRaster();
      int bits = cm.getComponentSize(0);
      int max = (1 << bits) - 1;
      int[] row = new int[w * r.getNumBands()];
      for (int y = 0; y < h; y++) {
        r.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int g = to8(row[x * r.getNumBands()], max);
          int a = alpha ? to8(row[x * r.getNumBands() + 1], max) : 0xFF;
          p[y * w + x] = a << 24 | g << 16 | g << 8 | g;
        }
      }
    } else {
      b.getRGB(0, 0, w, h, p, 0, w);
    }
    return wrap(w, h, alpha, p);
  }

  private static int to8(int v, int max) {
    return max == 255 ? v : (int) ((v * 255L + max / 2) / max);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image other
        && width == other.width
        && height == other.height
        && hasAlpha == other.hasAlpha
        && Arrays.equals(argb, other.argb);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(argb);
  }

  @Override
  public String toString() {
    return "Image[" + width + "x" + height + (hasAlpha ? ", alpha" : "") + "]";
  }
}
