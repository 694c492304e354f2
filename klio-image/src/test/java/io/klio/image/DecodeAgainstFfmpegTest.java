package io.klio.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.testsupport.Commands;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding of files made by ffmpeg (progressive JPEG: by the JDK's encoder, ffmpeg writes none)
 * against ffmpeg's own decode to rgb24. PNG must match exactly; JPEG decoders may differ in IDCT
 * rounding and chroma upsampling, so there the bound is a tolerance.
 */
class DecodeAgainstFfmpegTest {
  private static final int W = 240;
  private static final int H = 160;
  private static final Image PICTURE = TestImages.picture(W, H, 7);

  @TempDir Path dir;

  @BeforeAll
  static void tools() {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
  }

  @Test
  void pngRgbIsExact() throws Exception {
    Path png = dir.resolve("rgb.png");
    Ffmpeg.encode(PICTURE, png, "-pix_fmt", "rgb24");
    Image ours = ImageFiles.read(png);
    assertThat(ours).isEqualTo(Ffmpeg.decode(png, W, H, null)).isEqualTo(PICTURE);
  }

  @Test
  void pngGreyIsExact() throws Exception {
    Path png = dir.resolve("grey.png");
    Ffmpeg.encode(PICTURE, png, "-pix_fmt", "gray");
    Image ours = ImageFiles.read(png);
    Image ref = Ffmpeg.decode(png, W, H, null);
    System.out.println("PNG grey vs ffmpeg: " + TestImages.diff(ours, ref));
    assertThat(ours).isEqualTo(ref);
  }

  @Test
  void pngSixteenBitWithinOneLevel() throws Exception {
    Path png = dir.resolve("rgb48.png");
    Ffmpeg.encode(PICTURE, png, "-pix_fmt", "rgb48be");
    TestImages.Diff d = TestImages.diff(ImageFiles.read(png), Ffmpeg.decode(png, W, H, null));
    System.out.println("PNG 16-bit vs ffmpeg: " + d);
    assertThat(d.max()).isLessThanOrEqualTo(1);
  }

  @Test
  void jpegBaseline420() throws Exception {
    Path jpg = dir.resolve("420.jpg");
    Ffmpeg.encode(PICTURE, jpg, "-pix_fmt", "yuvj420p", "-q:v", "2");
    checkJpeg("JPEG baseline 4:2:0 (ffmpeg)", jpg, false);
  }

  @Test
  void jpegBaseline444() throws Exception {
    Path jpg = dir.resolve("444.jpg");
    Ffmpeg.encode(PICTURE, jpg, "-pix_fmt", "yuvj444p", "-q:v", "2");
    checkJpeg("JPEG baseline 4:4:4 (ffmpeg)", jpg, true);
  }

  @Test
  void jpegProgressive420() throws Exception {
    Path jpg = dir.resolve("prog420.jpg");
    JpegWriting.progressive(PICTURE, jpg, 0.92f, 2);
    checkJpeg("JPEG progressive 4:2:0 (JDK encoder)", jpg, false);
  }

  @Test
  void jpegProgressive444() throws Exception {
    Path jpg = dir.resolve("prog444.jpg");
    JpegWriting.progressive(PICTURE, jpg, 0.92f, 1);
    checkJpeg("JPEG progressive 4:4:4 (JDK encoder)", jpg, true);
  }

  /**
   * 4:4:4: only IDCT rounding differs, a few levels at most. 4:2:0: the chroma upsampling differs
   * too (libjpeg's triangular filter against swscale's), by up to ~100 levels on the hard edges of
   * saturated discs; there the bound is the mean, and that our decode is no further from the source
   * picture than ffmpeg's.
   */
  private void checkJpeg(String what, Path jpg, boolean fullChroma) throws Exception {
    Image ours = ImageFiles.read(jpg);
    Image ref = Ffmpeg.decode(jpg, W, H, null);
    TestImages.Diff d = TestImages.diff(ours, ref);
    TestImages.Diff oursToSource = TestImages.diff(ours, PICTURE);
    TestImages.Diff refToSource = TestImages.diff(ref, PICTURE);
    System.out.println(
        what
            + " vs ffmpeg's decode: "
            + d
            + "; to the source: ours "
            + oursToSource
            + ", ffmpeg's "
            + refToSource);
    if (fullChroma) {
      assertThat(d.max()).isLessThanOrEqualTo(4);
      assertThat(d.mean()).isLessThan(0.1);
    } else {
      assertThat(d.mean()).isLessThan(3.0);
      assertThat(oursToSource.mean()).isLessThanOrEqualTo(refToSource.mean() + 0.1);
    }
  }
}
