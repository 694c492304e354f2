package io.klio.audio.image;

import io.klio.audio.analysis.Separation;
import io.klio.audio.analysis.Spectrogram;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three spectrograms of a {@link Separation} as labelled figures ({@link
 * LabelledSpectrogramImage}) on one colour scale, its top at the full spectrogram's maximum, so
 * that the background and the foreground show how much of the whole each holds.
 */
public final class SeparationImage {
  /** The parts, in the order they are drawn and named. */
  public static final String[] PARTS = {"full", "background", "foreground"};

  private SeparationImage() {}

  /**
   * One figure per part, titled {@code title + " — " + part} (the part alone if title is blank).
   */
  public static BufferedImage[] render(Separation separation, String title) {
    Spectrogram[] parts = {separation.full(), separation.background(), separation.foreground()};
    double top = separation.full().maxDb();
    BufferedImage[] figures = new BufferedImage[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String name = title == null || title.isBlank() ? PARTS[i] : title + " \u2014 " + PARTS[i];
      figures[i] =
          LabelledSpectrogramImage.render(
              parts[i], Colormap.MAGMA, SpectrogramImage.DEFAULT_RANGE_DB, top, name);
    }
    return figures;
  }

  /** The three figures stacked top to bottom in one PNG. */
  public static void writePng(Separation separation, String title, OutputStream out)
      throws IOException {
    Png.write(stack(render(separation, title)), out);
  }

  /** The three figures as {@code full.png}, {@code background.png}, {@code foreground.png}. */
  public static void writePngs(Separation separation, String title, Path dir) throws IOException {
    Files.createDirectories(dir);
    BufferedImage[] figures = render(separation, title);
    for (int i = 0; i < figures.length; i++) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(PARTS[i] + ".png"))) {
        Png.write(figures[i], out);
      }
    }
  }

  static BufferedImage stack(BufferedImage[] figures) {
    int width = 0;
    int height = 0;
    for (BufferedImage f : figures) {
      width = Math.max(width, f.getWidth());
      height += f.getHeight();
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int y = 0;
      for (BufferedImage f : figures) {
        g.drawImage(f, 0, y, null);
        y += f.getHeight();
      }
    } finally {
      g.dispose();
    }
    return img;
  }
}
