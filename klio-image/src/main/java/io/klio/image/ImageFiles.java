package io.klio.image;

import io.klio.codec.CodecException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reading and writing image files with the JDK's ImageIO: PNG and JPEG in, PNG and JPEG out.
 *
 * <p>Streams are cached in memory, never in temporary files (ImageIO's default), so that workers
 * need no writable temporary directory.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /** Reads a PNG or JPEG file. */
  public static Image read(Path file) throws IOException {
    try {
      return decode(Files.readAllBytes(file));
    } catch (CodecException e) {
      throw new CodecException(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code image} as PNG (RGBA if it has alpha, RGB otherwise). */
  public static void writePng(Image image, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      encodePng(image, out);
    }
  }

  /**
   * Writes {@code image} as baseline JPEG, 4:2:0, at {@code quality} in [0, 1] (ImageIO's scale:
   * 0.75 is libjpeg's quality 75). JPEG has no alpha: it is dropped, not composited.
   */
  public static void writeJpeg(Image image, Path file, float quality) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      encodeJpeg(image, out, quality);
    }
  }

  /** PNG bytes of {@code image} to {@code out} (not closed). */
  public static void encodePng(Image image, OutputStream out) throws IOException {
    write(image.toBufferedImage(), "png", null, out);
  }

  /** JPEG bytes of {@code image} to {@code out} (not closed); see {@link #writeJpeg}. */
  public static void encodeJpeg(Image image, OutputStream out, float quality) throws IOException {
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("JPEG quality must be in [0, 1], was " + quality);
    }
    Image opaque =
        image.hasAlpha() ? Image.rgb(image.width(), image.height(), image.pixels()) : image;
    write(opaque.toBufferedImage(), "jpeg", quality, out);
  }

  private static void write(BufferedImage b, String format, Float quality, OutputStream out)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (quality != null) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      writer.write(null, new IIOImage(b, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /**
   * Decodes a whole PNG or JPEG file, chosen by its first bytes.
   *
   * @throws CodecException for an empty, truncated, corrupt or unsupported file, saying which
   */
  public static Image decode(byte[] bytes) throws CodecException {
    ImageFormat format = ImageFormat.sniff(bytes);
    switch (format) {
      case PNG -> PngCheck.check(bytes);
      case JPEG -> checkJpegEnd(bytes);
      case EMPTY -> throw new CodecException("not an image: empty input");
      case UNKNOWN ->
          throw new CodecException(
              "not a PNG or JPEG file: starts with " + ImageFormat.hex(bytes, 8));
      default ->
          throw new CodecException(
              format.label() + " is not supported: ImageCodec reads PNG and JPEG");
    }
    return readWithImageIo(bytes, format);
  }

  /** A JPEG must end with its EOI marker; the JDK's decoder pads a truncated file with grey. */
  private static void checkJpegEnd(byte[] b) throws CodecException {
    // Tolerate a few trailing bytes after EOI (some cameras and editors pad files).
    int from = Math.max(2, b.length - 64);
    for (int i = b.length - 2; i >= from; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return;
      }
    }
    throw new CodecException(
        "truncated JPEG: no end-of-image marker (FF D9) at the end of " + b.length + " bytes");
  }

  private static Image readWithImageIo(byte[] bytes, ImageFormat format) throws CodecException {
    String name = format == ImageFormat.PNG ? "png" : "jpeg";
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
    if (!readers.hasNext()) {
      throw new CodecException("no ImageIO reader for " + format.label());
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    try (MemoryCacheImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
      BufferedImage b = reader.read(0);
      if (!warnings.isEmpty()) {
        // libjpeg reports damaged entropy data as warnings and returns a partly grey image
        throw new CodecException("corrupt " + format.label() + ": " + String.join("; ", warnings));
      }
      return Image.fromBufferedImage(b);
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CodecException(
          "corrupt or unsupported " + format.label() + " (" + bytes.length + " bytes): " + e, e);
    } finally {
      reader.dispose();
    }
  }
}
