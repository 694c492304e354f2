package io.klio.image;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Test helper: progressive JPEG (ffmpeg's encoder writes baseline only), with chosen subsampling.
 */
final class JpegWriting {
  private JpegWriting() {}

  /** Writes a progressive JPEG whose luma has {@code lumaFactor} x {@code lumaFactor} sampling. */
  static void progressive(Image image, Path file, float quality, int lumaFactor)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    var bi = image.toBufferedImage();
    IIOMetadata meta =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(bi), param);
    String format = "javax_imageio_jpeg_image_1.0";
    Element tree = (Element) meta.getAsTree(format);
    NodeList comps = tree.getElementsByTagName("componentSpec");
    for (int i = 0; i < comps.getLength(); i++) {
      Element c = (Element) comps.item(i);
      int f = i == 0 ? lumaFactor : 1;
      c.setAttribute("HsamplingFactor", Integer.toString(f));
      c.setAttribute("VsamplingFactor", Integer.toString(f));
    }
    meta.setFromTree(format, tree);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(bi, null, meta), param);
    } finally {
      writer.dispose();
    }
  }
}
