package io.klio.audio.image;

import io.klio.audio.analysis.Spectrogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * A {@link Spectrogram} as a labelled figure: the picture of {@link SpectrogramImage#render} scaled
 * to {@value #PLOT_HEIGHT} pixels tall (nearest neighbour, each row an equal strip, so mel bands
 * keep their mel spacing), with a frequency axis on the left (ticks at 100 Hz … 16 kHz, in Hz or
 * kHz, placed at the rows whose centre frequencies bracket them, hence mel-spaced on a mel
 * spectrogram), a time axis in seconds below, an optional title above and a colour bar in dB
 * relative to the spectrogram's maximum on the right.
 *
 * <p>Time keeps one pixel column per frame (more when there are fewer than {@value #MIN_WIDTH}
 * frames, in whole multiples). Drawing uses Java2D text, which works headless; the JVM property
 * {@code java.awt.headless} is set to {@code true} if it is unset.
 */
public final class LabelledSpectrogramImage {
  /** Height of the plot area, pixels (3 per row of a 128-band mel spectrogram). */
  public static final int PLOT_HEIGHT = 384;

  /** Narrower spectrograms are widened by a whole factor to at least this many pixels. */
  public static final int MIN_WIDTH = 400;

  static final int LEFT = 62;
  static final int RIGHT = 78;
  static final int TOP_TITLE = 30;
  static final int TOP_PLAIN = 12;
  static final int BOTTOM = 44;
  private static final double[] FREQ_TICKS = {100, 200, 500, 1000, 2000, 4000, 8000, 16000};
  private static final double[] TIME_STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300};
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color BACKGROUND = Color.WHITE;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private LabelledSpectrogramImage() {}

  /** Magma over {@link SpectrogramImage#DEFAULT_RANGE_DB}, with a title (none if null/blank). */
  public static BufferedImage render(Spectrogram s, String title) {
    return render(s, Colormap.MAGMA, SpectrogramImage.DEFAULT_RANGE_DB, title);
  }

  /** The labelled figure; {@code title} may be null or blank for none. */
  public static BufferedImage render(
      Spectrogram s, Colormap map, double dynamicRangeDb, String title) {
    return render(s, map, dynamicRangeDb, s.maxDb(), title);
  }

  /**
   * The labelled figure with the top of the colour scale at {@code topDb} rather than at the
   * spectrogram's maximum, so that several figures share one scale.
   */
  public static BufferedImage render(
      Spectrogram s, Colormap map, double dynamicRangeDb, double topDb, String title) {
    BufferedImage plain = SpectrogramImage.render(s, map, dynamicRangeDb, topDb);
    Rectangle plot = plotArea(s, title);
    int width = plot.x + plot.width + RIGHT;
    int height = plot.y + plot.height + BOTTOM;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      // plot: nearest-neighbour scaling of the plain picture
      int rows = s.rows();
      int xs = plot.width / s.frames();
      int[] src = Png.pixels(plain);
      int[] dst = Png.pixels(img);
      for (int y = 0; y < plot.height; y++) {
        int srcY = rows - 1 - (int) ((long) (plot.height - 1 - y) * rows / plot.height);
        int from = srcY * plain.getWidth();
        int to = (plot.y + y) * width + plot.x;
        for (int x = 0; x < plot.width; x++) {
          dst[to + x] = src[from + x / xs];
        }
      }
      g.setColor(INK);
      g.setStroke(new BasicStroke(1));
      g.drawRect(plot.x - 1, plot.y - 1, plot.width + 1, plot.height + 1);
      Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
      g.setFont(small);
      FontMetrics fm = g.getFontMetrics();
      // frequency axis, skipping ticks that would crowd the previous label
      int lastY = Integer.MAX_VALUE;
      for (double hz : FREQ_TICKS) {
        double y = yOf(s, hz, plot);
        if (Double.isNaN(y) || lastY - y < fm.getAscent() + 6) {
          continue;
        }
        int yi = (int) Math.round(y);
        lastY = yi;
        g.drawLine(plot.x - 5, yi, plot.x - 2, yi);
        String label =
            hz >= 1000
                ? String.format(Locale.ROOT, "%.0fk", hz / 1000)
                : String.format(Locale.ROOT, "%.0f", hz);
        g.drawString(label, plot.x - 8 - fm.stringWidth(label), yi + fm.getAscent() / 2 - 1);
      }
      drawRotated(g, "frequency (Hz)", 14, plot.y + plot.height / 2);
      // time axis
      double seconds = s.frames() / s.frameRate();
      double pxPerSecond = plot.width / seconds;
      double step = TIME_STEPS[TIME_STEPS.length - 1];
      for (double st : TIME_STEPS) {
        if (st * pxPerSecond >= 55) {
          step = st;
          break;
        }
      }
      for (int k = 0; k * step <= seconds + 1e-9; k++) {
        double t = k * step;
        // frame i is centred at i / frameRate, drawn across columns [i*xs, (i+1)*xs)
        int x = plot.x + (int) Math.round((t * s.frameRate() + 0.5) * xs);
        if (x > plot.x + plot.width) {
          break;
        }
        g.drawLine(x, plot.y + plot.height + 1, x, plot.y + plot.height + 4);
        String label =
            step < 1
                ? String.format(Locale.ROOT, "%.1f", t)
                : String.format(Locale.ROOT, "%.0f", t);
        g.drawString(
            label, x - fm.stringWidth(label) / 2, plot.y + plot.height + 6 + fm.getAscent());
      }
      String timeLabel = "time (s)";
      g.drawString(
          timeLabel,
          plot.x + (plot.width - fm.stringWidth(timeLabel)) / 2,
          plot.y + plot.height + 8 + 2 * fm.getAscent());
      // colour bar
      int barX = plot.x + plot.width + 14;
      int barW = 12;
      for (int y = 0; y < plot.height; y++) {
        int rgb = map.rgb(1 - y / (double) (plot.height - 1));
        int to = (plot.y + y) * width + barX;
        for (int x = 0; x < barW; x++) {
          dst[to + x] = rgb;
        }
      }
      g.drawRect(barX - 1, plot.y - 1, barW + 1, plot.height + 1);
      double dbStep = dynamicRangeDb > 60 ? 20 : dynamicRangeDb > 24 ? 10 : 5;
      for (double d = 0; d <= dynamicRangeDb + 1e-9; d += dbStep) {
        int y = plot.y + (int) Math.round(d / dynamicRangeDb * (plot.height - 1));
        g.drawLine(barX + barW + 1, y, barX + barW + 3, y);
        String label = d == 0 ? "0" : String.format(Locale.ROOT, "\u2212%.0f", d);
        g.drawString(label, barX + barW + 6, y + fm.getAscent() / 2 - 1);
      }
      g.drawString("dB", barX, plot.y + plot.height + 6 + fm.getAscent());
      // title
      if (title != null && !title.isBlank()) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, plot.x, plot.y - 10);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes the default labelled rendering (magma, 80 dB) as PNG. */
  public static void writePng(Spectrogram s, String title, OutputStream out) throws IOException {
    Png.write(render(s, title), out);
  }

  /** Where the spectrogram itself is drawn in the figure for {@code s} and {@code title}. */
  public static Rectangle plotArea(Spectrogram s, String title) {
    if (s.frames() == 0 || s.rows() == 0) {
      throw new IllegalArgumentException("empty spectrogram");
    }
    int xs = Math.max(1, (MIN_WIDTH + s.frames() - 1) / s.frames());
    int top = title != null && !title.isBlank() ? TOP_TITLE : TOP_PLAIN;
    return new Rectangle(LEFT, top, s.frames() * xs, PLOT_HEIGHT);
  }

  /**
   * The figure's y coordinate of frequency {@code hz}: rows are equal strips, a row's centre
   * frequency at the middle of its strip, linear interpolation between centres; NaN outside the
   * rows' centre frequencies.
   */
  public static double yOf(Spectrogram s, double hz, Rectangle plot) {
    int rows = s.rows();
    if (hz < s.rowFrequency(0) || hz > s.rowFrequency(rows - 1)) {
      return Double.NaN;
    }
    double pos = rows - 1;
    for (int r = 0; r + 1 < rows; r++) {
      double a = s.rowFrequency(r), b = s.rowFrequency(r + 1);
      if (hz >= a && hz <= b) {
        pos = r + (b > a ? (hz - a) / (b - a) : 0);
        break;
      }
    }
    double fromBottom = (pos + 0.5) * plot.height / rows;
    return plot.y + plot.height - fromBottom;
  }

  private static void drawRotated(Graphics2D g, String text, int x, int yCentre) {
    FontMetrics fm = g.getFontMetrics();
    Graphics2D r = (Graphics2D) g.create();
    try {
      r.translate(x, yCentre + fm.stringWidth(text) / 2);
      r.rotate(-Math.PI / 2);
      r.drawString(text, 0, 0);
    } finally {
      r.dispose();
    }
  }
}
