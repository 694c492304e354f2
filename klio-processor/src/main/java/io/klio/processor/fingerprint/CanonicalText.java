package io.klio.processor.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The text a fingerprint hashes: a sequence of {@code key length:value} entries, one a line. The
 * length makes the text unambiguous whatever a value holds (line breaks, code), so that two
 * different sequences never hash the same text.
 */
final class CanonicalText {
  private final StringBuilder text = new StringBuilder();

  CanonicalText add(String key, String value) {
    text.append(key).append(' ').append(value.length()).append(':').append(value).append('\n');
    return this;
  }

  /** Lowercase hex SHA-256 of the text's UTF-8 bytes: 64 characters. */
  String sha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
