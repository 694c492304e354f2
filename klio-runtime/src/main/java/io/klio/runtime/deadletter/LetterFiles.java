package io.klio.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Where dead letters are kept under a dead-letter location: {@code <location>/<job>/<name>.json},
 * letters of no job (ids refused before any job ran) under {@code _run}, replayed letters under
 * {@code _replayed/<job>/<name>-<time>.json}. A name is made of safe characters whatever the
 * element id, so no id can place a letter outside its folder.
 */
public final class LetterFiles {
  /** The folder of letters that belong to no job. */
  public static final String RUN_FOLDER = "_run";

  /** The folder replayed letters are moved to. */
  public static final String REPLAYED = "_replayed";

  private static final DateTimeFormatter ARCHIVE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LetterFiles() {}

  /** The folder of {@code job}'s letters in a location; the run's folder for no job. */
  public static String folder(String location, String job) {
    return trimSlash(location) + "/" + (job == null || job.isEmpty() ? RUN_FOLDER : job) + "/";
  }

  /** The file of the letter about {@code elementId} (or, without one, these message bytes). */
  public static String file(String location, String job, String elementId, byte[] message) {
    return folder(location, job) + name(elementId, message);
  }

  /** {@code <cleaned id>-<digest of the id>.json}, or {@code _unknown-<digest of bytes>.json}. */
  public static String name(String elementId, byte[] message) {
    if (elementId == null || elementId.isEmpty()) {
      return "_unknown-" + digest(message) + ".json";
    }
    String cleaned = elementId.replaceAll("[^A-Za-z0-9_-]", "_");
    cleaned = cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    // the digest keeps distinct ids distinct
    return cleaned + "-" + digest(elementId.getBytes(StandardCharsets.UTF_8)) + ".json";
  }

  /** Where a letter file goes once replayed at {@code time}. */
  public static String archive(String location, String job, String letterFile, Instant time) {
    String name = letterFile.substring(letterFile.lastIndexOf('/') + 1);
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return trimSlash(location)
        + "/"
        + REPLAYED
        + "/"
        + (job == null || job.isEmpty() ? RUN_FOLDER : job)
        + "/"
        + stem
        + "-"
        + ARCHIVE_TIME.format(time)
        + ".json";
  }

  /**
   * 128 bits of the bytes' SHA-256, in hex: two letters never share a name by chance, where a
   * 32-bit hash makes a collision likely among some 10^5 letters.
   */
  public static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String trimSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }
}
