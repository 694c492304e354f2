package io.klio.image.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.image.Ffmpeg;
import io.klio.image.Image;
import io.klio.image.ImageFiles;
import io.klio.image.TestImages;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptualHashTest {
  @TempDir Path dir;

  /** Unrelated pictures: ours with two seeds, and three of ffmpeg's generated sources. */
  private List<Image> pictures() throws Exception {
    List<Image> list = new ArrayList<>();
    list.add(TestImages.picture(320, 240, 1));
    list.add(TestImages.picture(320, 240, 99));
    for (String src : new String[] {"testsrc2", "mandelbrot", "smptebars"}) {
      Path png = dir.resolve(src + ".png");
      Commands.run(
          "ffmpeg",
          "-v",
          "error",
          "-y",
          "-f",
          "lavfi",
          "-i",
          src + "=size=320x240",
          "-frames:v",
          "1",
          "-pix_fmt",
          "rgb24",
          png.toString());
      list.add(ImageFiles.read(png));
    }
    return list;
  }

  @Test
  void stableUnderJpegAndDownscaleDistinctBetweenPictures() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    List<Image> pics = pictures();
    long[] hashes = new long[pics.size()];
    for (int i = 0; i < pics.size(); i++) {
      Image im = pics.get(i);
      hashes[i] = PerceptualHash.of(im);
      Path jpg = dir.resolve(i + ".jpg");
      ImageFiles.writeJpeg(im, jpg, 0.9f);
      Path png = dir.resolve(i + ".png");
      ImageFiles.writePng(im, png);
      // the 2x downscale by ffmpeg, not by our own resizer
      Image half =
          Ffmpeg.decode(
              png,
              im.width() / 2,
              im.height() / 2,
              "scale=" + im.width() / 2 + ":" + im.height() / 2 + ":flags=bicubic");
      int dJpeg = PerceptualHash.distance(hashes[i], PerceptualHash.of(ImageFiles.read(jpg)));
      int dHalf = PerceptualHash.distance(hashes[i], PerceptualHash.of(half));
      System.out.printf(
          "pHash picture %d: JPEG q0.9 distance %d, 2x downscale %d%n", i, dJpeg, dHalf);
      assertThat(dJpeg).isLessThanOrEqualTo(4);
      assertThat(dHalf).isLessThanOrEqualTo(4);
    }
    int minApart = 64;
    for (int i = 0; i < hashes.length; i++) {
      for (int j = i + 1; j < hashes.length; j++) {
        int d = PerceptualHash.distance(hashes[i], hashes[j]);
        System.out.printf("pHash pictures %d and %d: distance %d%n", i, j, d);
        minApart = Math.min(minApart, d);
      }
    }
    assertThat(minApart).isGreaterThan(20);
  }

  @Test
  void distanceCountsDifferingBits() {
    assertThat(PerceptualHash.distance(0L, -1L)).isEqualTo(64);
    assertThat(PerceptualHash.distance(0b1011L, 0b0110L)).isEqualTo(3);
  }

  @Test
  void hashIgnoresBrightnessShiftButNotMirroring() {
    Image im = TestImages.picture(128, 128, 5);
    int[] p = im.pixels();
    int[] mirrored = new int[p.length];
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        mirrored[y * 128 + x] = p[y * 128 + 127 - x];
      }
    }
    long h = PerceptualHash.of(im);
    long m = PerceptualHash.of(Image.rgb(128, 128, mirrored));
    System.out.printf(
        "pHash of a picture and its mirror image: distance %d%n", PerceptualHash.distance(h, m));
    assertThat(PerceptualHash.distance(h, m)).isGreaterThan(10);
  }
}
