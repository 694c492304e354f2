package io.klio.image;

import io.klio.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG file before ImageIO decodes it: ImageIO's messages for a cut or damaged
 * file ("Error reading PNG image data") do not say what is wrong, and a file cut after its pixel
 * data would decode without complaint.
 */
final class PngCheck {
  private PngCheck() {}

  /** Checks chunk lengths, CRCs, that IHDR comes first and that the file ends with IEND. */
  static void check(byte[] b) throws CodecException {
    int pos = 8; // after the signature
    boolean first = true;
    boolean hasData = false;
    while (true) {
      if (b.length - pos < 12) {
        throw new CodecException(
            "truncated PNG: "
                + (b.length - pos)
                + " bytes at offset "
                + pos
                + " where a chunk (at least 12 bytes) or IEND was expected");
      }
      long length = readUint32(b, pos);
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (length > b.length - pos - 12L) {
        throw new CodecException(
            "truncated PNG: chunk "
                + printable(type)
                + " at offset "
                + pos
                + " declares "
                + length
                + " bytes of data, "
                + Math.max(0, b.length - pos - 12)
                + " remain");
      }
      int n = (int) length;
      CRC32 crc = new CRC32();
      crc.update(b, pos + 4, 4 + n);
      long stored = readUint32(b, pos + 8 + n);
      if (crc.getValue() != stored) {
        throw new CodecException(
            "corrupt PNG: CRC mismatch in chunk " + printable(type) + " at offset " + pos);
      }
      if (first && !type.equals("IHDR")) {
        throw new CodecException("corrupt PNG: first chunk is " + printable(type) + ", not IHDR");
      }
      first = false;
      hasData |= type.equals("IDAT");
      pos += 12 + n;
      if (type.equals("IEND")) {
        if (!hasData) {
          throw new CodecException("corrupt PNG: no IDAT chunk (no pixel data)");
        }
        return;
      }
    }
  }

  private static long readUint32(byte[] b, int i) {
    return ((b[i] & 0xFFL) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "(non-ASCII type)";
  }
}
