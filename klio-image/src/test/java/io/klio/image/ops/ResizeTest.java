package io.klio.image.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.image.Ffmpeg;
import io.klio.image.Image;
import io.klio.image.ImageFiles;
import io.klio.image.TestImages;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResizeTest {
  @TempDir Path dir;

  private static final Image PICTURE = TestImages.picture(240, 160, 11);

  /** ffmpeg's scaler on planar RGB (no detour through YUV), with {@code flags}. */
  private Image ffmpegScale(Image in, int w, int h, String flags) throws Exception {
    Path png = dir.resolve("in.png");
    ImageFiles.writePng(in, png);
    return Ffmpeg.decode(
        png,
        w,
        h,
        "format=gbrp,scale="
            + w
            + ":"
            + h
            + ":flags="
            + flags
            + "+accurate_rnd+full_chroma_int,format=rgb24");
  }

  @Test
  void matchesFfmpegScaler() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    int[][] sizes = {{96, 64}, {120, 80}, {360, 240}};
    for (int[] s : sizes) {
      TestImages.Diff lanczos =
          TestImages.diff(
              Resize.lanczos3(PICTURE, s[0], s[1]), ffmpegScale(PICTURE, s[0], s[1], "lanczos"));
      System.out.printf("Lanczos-3 240x160 -> %dx%d vs ffmpeg lanczos: %s%n", s[0], s[1], lanczos);
      assertThat(lanczos.psnr()).isGreaterThan(35);
      if (s[0] < PICTURE.width()) {
        TestImages.Diff area =
            TestImages.diff(
                Resize.area(PICTURE, s[0], s[1]), ffmpegScale(PICTURE, s[0], s[1], "area"));
        System.out.printf("area 240x160 -> %dx%d vs ffmpeg area: %s%n", s[0], s[1], area);
        assertThat(area.psnr()).isGreaterThan(30);
      }
    }
  }

  @Test
  void constantStaysConstant() {
    Image grey = Image.filled(37, 23, 0x7F3AC1);
    for (Resize.Filter f : Resize.Filter.values()) {
      for (int[] s : new int[][] {{10, 7}, {37, 23}, {80, 51}, {1, 1}}) {
        Image out = Resize.to(grey, s[0], s[1], f);
        assertThat(out.pixels()).as(f + " " + s[0] + "x" + s[1]).containsOnly(0xFF7F3AC1);
      }
    }
  }

  @Test
  void checkerboardDownscaledByItsPeriodIsUniformGrey() {
    int[] p = new int[64 * 48];
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        p[y * 64 + x] = (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000;
      }
    }
    Image board = Image.rgb(64, 48, p);
    for (Resize.Filter f : Resize.Filter.values()) {
      Image out = Resize.to(board, 32, 24, f);
      // Lanczos reaches 3 output pixels in from the border, where edge repetition breaks the
      // pattern's symmetry; area averaging has no such margin.
      int m = f == Resize.Filter.AREA ? 0 : 2;
      Histogram h = Histogram.of(Crop.of(out, m, m, 32 - 2 * m, 24 - 2 * m));
      int[] red = h.red();
      int min = 255;
      int max = 0;
      for (int v = 0; v < 256; v++) {
        if (red[v] > 0) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      System.out.printf(
          "%s: checkerboard 64x48 -> 32x24 spans %d..%d (margin %d px)%n", f, min, max, m);
      assertThat(min).isGreaterThanOrEqualTo(127);
      assertThat(max).isLessThanOrEqualTo(128);
    }
  }

  @Test
  void stepEdgeRinging() {
    int w = 101;
    int[] p = new int[w * 4];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % w) < 50 ? 0x404040 : 0xC0C0C0; // 64 | 192
    }
    Image step = Image.rgb(w, 4, p);
    for (int outW : new int[] {37, 60, 250}) {
      int[] area = extremes(Resize.area(step, outW, 4));
      assertThat(area).as("area to " + outW).containsExactly(64, 192);
      int[] lz = extremes(Resize.lanczos3(step, outW, 4));
      double overshoot = Math.max(64 - lz[0], lz[1] - 192) / 128.0;
      System.out.printf(
          "step 64|192, width 101 -> %d: area %d..%d, Lanczos-3 %d..%d"
              + " (overshoot %.1f%% of the step)%n",
          outW, area[0], area[1], lz[0], lz[1], 100 * overshoot);
      assertThat(overshoot).isGreaterThan(0).isLessThan(0.13);
    }
  }

  @Test
  void transparentPixelsDoNotBleed() {
    int[] p = new int[8 * 2];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % 8) < 4 ? 0x00FF0000 : 0xFF0000FF; // transparent red | opaque blue
    }
    Image half = Image.of(8, 2, true, p);
    for (Resize.Filter f : Resize.Filter.values()) {
      Image out = Resize.to(half, 3, 1, f);
      int mid = out.argb(1, 0);
      assertThat(out.alpha(1, 0)).as(f.toString()).isBetween(1, 254);
      assertThat(mid & 0xFFFFFF).as(f + " colour of a half-covered pixel").isEqualTo(0x0000FF);
    }
  }

  @Test
  void cropCopiesTheRectangle() {
    Image c = Crop.of(PICTURE, 10, 20, 30, 5);
    assertThat(c.width()).isEqualTo(30);
    assertThat(c.height()).isEqualTo(5);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 30; x++) {
        assertThat(c.argb(x, y)).isEqualTo(PICTURE.argb(10 + x, 20 + y));
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Crop.of(PICTURE, 230, 0, 11, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("240x160");
  }

  private static int[] extremes(Image im) {
    int min = 255;
    int max = 0;
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < im.width(); x++) {
        min = Math.min(min, im.red(x, y));
        max = Math.max(max, im.red(x, y));
      }
    }
    return new int[] {min, max};
  }
}
