package io.klio.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.codec.CodecException;
import io.klio.testsupport.Commands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCodecTest {
  private final ImageCodec codec = new ImageCodec();

  @TempDir Path dir;

  private static Image randomImage(boolean alpha, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] p = new int[97 * 61];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextInt();
    }
    return Image.of(97, 61, alpha, p);
  }

  private byte[] encode(Image im) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.encode(im, out);
    return out.toByteArray();
  }

  private Image decode(byte[] b) throws Exception {
    return codec.decode(new ByteArrayInputStream(b));
  }

  @Test
  void roundTripIsExactWithAndWithoutAlpha() throws Exception {
    for (boolean alpha : new boolean[] {false, true}) {
      Image im = randomImage(alpha, 3);
      byte[] png = encode(im);
      assertThat(ImageFormat.sniff(png)).isEqualTo(ImageFormat.PNG);
      Image back = decode(png);
      assertThat(back.hasAlpha()).isEqualTo(alpha);
      assertThat(back).isEqualTo(im);
    }
  }

  @Test
  void opaqueImageIgnoresAlphaBytes() {
    Image im = Image.of(1, 1, false, new int[] {0x12345678});
    assertThat(im.argb(0, 0)).isEqualTo(0xFF345678);
    assertThat(im.alpha(0, 0)).isEqualTo(255);
  }

  @Test
  void javaSerializationKeepsPixels() throws Exception {
    Image im = randomImage(true, 5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(im);
    }
    try (ObjectInputStream i =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(i.readObject()).isEqualTo(im);
    }
  }

  @Test
  void ffmpegReadsWhatWeWrite() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    Image im = TestImages.picture(64, 48, 2);
    Path png = dir.resolve("ours.png");
    ImageFiles.writePng(im, png);
    assertThat(Ffmpeg.decode(png, 64, 48, null)).isEqualTo(im);
  }

  @Test
  void jpegWriterQualityMatters() throws Exception {
    // Grey, so that 4:2:0 chroma loss (the same at both qualities) does not mask the difference.
    Image im = io.klio.image.ops.Colors.grayscale(TestImages.picture(128, 96, 4));
    Path low = dir.resolve("q30.jpg");
    Path high = dir.resolve("q95.jpg");
    ImageFiles.writeJpeg(im, low, 0.3f);
    ImageFiles.writeJpeg(im, high, 0.95f);
    double lowPsnr = TestImages.diff(ImageFiles.read(low), im).psnr();
    double highPsnr = TestImages.diff(ImageFiles.read(high), im).psnr();
    System.out.printf("JPEG write: PSNR %.2f dB at 0.3, %.2f dB at 0.95%n", lowPsnr, highPsnr);
    assertThat(Files.size(low)).isLessThan(Files.size(high));
    assertThat(highPsnr).isGreaterThan(lowPsnr + 3);
  }

  @Test
  void emptyInput() {
    assertThatThrownBy(() -> decode(new byte[0]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void garbage() {
    byte[] b = "hello, this is not a picture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> decode(b))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not a PNG or JPEG")
        .hasMessageContaining("68 65 6C 6C");
  }

  @Test
  void truncatedPng() throws Exception {
    byte[] png = encode(randomImage(false, 1));
    byte[] cut = Arrays.copyOf(png, png.length / 2);
    assertThatThrownBy(() -> decode(cut))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated PNG")
        .hasMessageContaining("IDAT");
    // Cut after the pixel data, only IEND missing: ImageIO alone would decode it.
    byte[] noEnd = Arrays.copyOf(png, png.length - 12);
    assertThatThrownBy(() -> decode(noEnd))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated PNG");
  }

  @Test
  void corruptPngData() throws Exception {
    byte[] png = encode(randomImage(false, 1));
    png[png.length / 2] ^= 0x55;
    assertThatThrownBy(() -> decode(png))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("CRC mismatch in chunk IDAT");
  }

  @Test
  void truncatedJpeg() throws Exception {
    Path jpg = dir.resolve("a.jpg");
    ImageFiles.writeJpeg(TestImages.picture(64, 48, 1), jpg, 0.9f);
    byte[] b = Files.readAllBytes(jpg);
    byte[] cut = Arrays.copyOf(b, b.length * 2 / 3);
    assertThatThrownBy(() -> decode(cut))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated JPEG");
  }

  @Test
  void corruptJpegBody() throws Exception {
    Path jpg = dir.resolve("a.jpg");
    ImageFiles.writeJpeg(TestImages.picture(64, 48, 1), jpg, 0.9f);
    byte[] b = Files.readAllBytes(jpg);
    // A marker in the middle of the entropy-coded data: libjpeg stops and warns.
    b[b.length / 2] = (byte) 0xFF;
    b[b.length / 2 + 1] = (byte) 0xD0 + 5;
    assertThatThrownBy(() -> decode(b))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("JPEG");
  }

  @Test
  void gifAndBmpAreRefusedByName() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    Image im = TestImages.picture(32, 24, 1);
    for (String ext : new String[] {"gif", "bmp"}) {
      Path f = dir.resolve("x." + ext);
      Ffmpeg.encode(im, f);
      byte[] b = Files.readAllBytes(f);
      assertThatThrownBy(() -> decode(b))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining(ext.toUpperCase() + " is not supported");
    }
  }

  @Test
  void readNamesTheFile() throws Exception {
    Path f = dir.resolve("broken.png");
    Files.write(f, Arrays.copyOf(encode(randomImage(false, 1)), 40));
    assertThatThrownBy(() -> ImageFiles.read(f))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("broken.png: truncated PNG");
  }
}
