package io.klio.image;

import io.klio.annotations.KlioCodec;
import io.klio.codec.Codec;
import io.klio.codec.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Klio codec for {@link Image}: jobs may take and return images, stored as PNG.
 *
 * <p><b>Encoding</b> is 8-bit RGB PNG, or RGBA when the image has alpha: lossless, so an image that
 * passes from one job to the next through storage is pixel-identical, and every tool reads it.
 *
 * <p><b>Decoding</b> looks at the first bytes: PNG (any bit depth and colour type, see {@link
 * ImageFiles#decode}) and JPEG (baseline and progressive, any chroma subsampling the JDK reads;
 * CMYK is not supported). GIF, BMP, TIFF and WebP are recognised and refused by name; anything
 * else, and any empty, truncated or corrupt file, is a {@link CodecException} that says what is
 * wrong.
 *
 * <p>Stateless and serializable, as Beam requires.
 */
@KlioCodec
public class ImageCodec implements Codec<Image> {
  private static final long serialVersionUID = 1L;

  public ImageCodec() {}

  @Override
  public void encode(Image value, OutputStream out) throws IOException {
    ImageFiles.encodePng(value, out);
  }

  @Override
  public Image decode(InputStream in) throws IOException {
    return ImageFiles.decode(in.readAllBytes());
  }
}
