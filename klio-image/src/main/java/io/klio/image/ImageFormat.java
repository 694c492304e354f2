package io.klio.image;

/** What the first bytes of a file say it is. */
enum ImageFormat {
  PNG("PNG"),
  JPEG("JPEG"),
  GIF("GIF"),
  BMP("BMP"),
  TIFF("TIFF"),
  WEBP("WebP"),
  EMPTY("empty input"),
  UNKNOWN("unknown format");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String label;

  ImageFormat(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static ImageFormat sniff(byte[] b) {
    if (b.length == 0) {
      return EMPTY;
    }
    if (startsWith(b, PNG_SIGNATURE)) {
      return PNG;
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) {
      return GIF;
    }
    if (startsWith(b, ascii("BM"))) {
      return BMP;
    }
    if (startsWith(b, ascii("II*\0")) || startsWith(b, ascii("MM\0*"))) {
      return TIFF;
    }
    if (startsWith(b, ascii("RIFF"))
        && b.length >= 12
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return WEBP;
    }
    return UNKNOWN;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code n} bytes in hex, for messages. */
  static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
    }
    return s.toString();
  }
}
