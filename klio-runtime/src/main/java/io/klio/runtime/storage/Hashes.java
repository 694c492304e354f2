package io.klio.runtime.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JVM has, in lower-case hex. */
public final class Hashes {
  private Hashes() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex. */
  public static String sha256(String text) {
    return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
