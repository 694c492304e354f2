package io.klio.audio.image;

import io.klio.audio.analysis.Spectrogram;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a {@link Spectrogram} as a picture a person can read: time runs left to right (one pixel
 * column per frame), frequency bottom to top (one pixel row per spectrogram row, the lowest
 * frequency at the bottom), loudness as colour.
 *
 * <p>The colour scale spans {@code dynamicRangeDb} below the spectrogram's maximum (80 dB by
 * default, librosa's {@code top_db}); anything quieter is the darkest colour. Rendering is headless
 * ({@code java.awt.image} and {@code javax.imageio} only), so it works on workers without a
 * display.
 */
public final class SpectrogramImage {
  /** Default colour scale span. */
  public static final double DEFAULT_RANGE_DB = 80;

  private SpectrogramImage() {}

  /** Renders with magma over 80 dB. */
  public static BufferedImage render(Spectrogram s) {
    return render(s, Colormap.MAGMA, DEFAULT_RANGE_DB);
  }

  /** Renders a {@code frames x rows} RGB image, the top of the scale at the maximum. */
  public static BufferedImage render(Spectrogram s, Colormap map, double dynamicRangeDb) {
    return render(s, map, dynamicRangeDb, s.maxDb());
  }

  /**
   * Renders with the top of the scale at {@code topDb}, for pictures that must share one scale
   * (such as the parts of a {@link io.klio.audio.analysis.Separation}).
   */
  public static BufferedImage render(
      Spectrogram s, Colormap map, double dynamicRangeDb, double topDb) {
    int w = s.frames();
    int h = s.rows();
    if (w == 0 || h == 0) {
      throw new IllegalArgumentException("empty spectrogram");
    }
    double min = topDb - dynamicRangeDb;
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = map.rgb(i / 255.0);
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] px = Png.pixels(img);
    for (int x = 0; x < w; x++) {
      for (int r = 0; r < h; r++) {
        double t = (s.db(x, r) - min) / dynamicRangeDb;
        int idx = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        px[(h - 1 - r) * w + x] = lut[idx];
      }
    }
    return img;
  }

  /** Writes the default rendering as PNG. */
  public static void writePng(Spectrogram s, OutputStream out) throws IOException {
    Png.write(render(s), out);
  }

  /** Writes the default rendering as a PNG file. */
  public static void writePng(Spectrogram s, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      writePng(s, out);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
