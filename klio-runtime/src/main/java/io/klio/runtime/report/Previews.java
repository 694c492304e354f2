package io.klio.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads outputs for the page's previews, within caps: a file larger than {@link #maxFileBytes} is
 * not read (the page shows its location and size), and once the page holds {@link #maxPageBytes} of
 * embedded outputs the rest are shown the same way, so that a page stays quick to open.
 */
public final class Previews {
  /** Per file: a few seconds of CD audio, a large picture. */
  public static final long DEFAULT_MAX_FILE_BYTES = 2L << 20;

  public static final long DEFAULT_MAX_PAGE_BYTES = 16L << 20;
  static final int MAX_TEXT_CHARS = 4_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> IMAGES =
      Map.of(
          "png",
          "image/png",
          "jpg",
          "image/jpeg",
          "jpeg",
          "image/jpeg",
          "gif",
          "image/gif",
          "webp",
          "image/webp");
  private static final Map<String, String> AUDIO =
      Map.of("wav", "audio/wav", "mp3", "audio/mpeg", "flac", "audio/flac", "ogg", "audio/ogg");
  private static final List<String> TEXT =
      List.of("txt", "csv", "tsv", "md", "yaml", "yml", "xml", "log");

  private final long maxFileBytes;
  private final long maxPageBytes;
  private long embedded;

  public Previews() {
    this(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PAGE_BYTES);
  }

  public Previews(long maxFileBytes, long maxPageBytes) {
    this.maxFileBytes = maxFileBytes;
    this.maxPageBytes = maxPageBytes;
  }

  /** The preview of the output at {@code location}; empty if there is none. */
  public Optional<Preview> of(String id, String location) throws IOException {
    MatchResult match = FileSystems.match(List.of(location), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return Optional.empty();
    }
    long size = match.metadata().get(0).sizeBytes();
    if (size > maxFileBytes || embedded + size > maxPageBytes) {
      return Optional.of(new Preview(id, location, Preview.Kind.TOO_LARGE, size, "", false));
    }
    byte[] bytes;
    try (InputStream in = Storage.open(location)) {
      bytes = in.readNBytes((int) maxFileBytes + 1);
    }
    if (bytes.length > maxFileBytes) { // grew since it was listed
      return Optional.of(new Preview(id, location, Preview.Kind.TOO_LARGE, size, "", false));
    }
    embedded += bytes.length;
    return Optional.of(preview(id, location, bytes));
  }

  /** How {@code bytes}, found at {@code location}, are shown; by the name's extension. */
  static Preview preview(String id, String location, byte[] bytes) {
    String extension = extension(location);
    if (IMAGES.containsKey(extension)) {
      return new Preview(
          id,
          location,
          Preview.Kind.IMAGE,
          bytes.length,
          dataUri(IMAGES.get(extension), bytes),
          false);
    }
    if (AUDIO.containsKey(extension)) {
      return new Preview(
          id,
          location,
          Preview.Kind.AUDIO,
          bytes.length,
          dataUri(AUDIO.get(extension), bytes),
          false);
    }
    Optional<String> text = utf8(bytes);
    if (extension.equals("json") && text.isPresent()) {
      try {
        JsonNode tree = JSON.readTree(text.get());
        return text(
            id,
            location,
            Preview.Kind.JSON,
            bytes.length,
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      } catch (IOException notJson) {
        return text(id, location, Preview.Kind.TEXT, bytes.length, text.get());
      }
    }
    if (text.isPresent() && (TEXT.contains(extension) || !text.get().contains("\0"))) {
      return text(id, location, Preview.Kind.TEXT, bytes.length, text.get());
    }
    return new Preview(id, location, Preview.Kind.BYTES, bytes.length, sha256(bytes), false);
  }

  private static Preview text(
      String id, String location, Preview.Kind kind, long size, String text) {
    boolean cut = text.length() > MAX_TEXT_CHARS;
    return new Preview(
        id, location, kind, size, cut ? text.substring(0, MAX_TEXT_CHARS) : text, cut);
  }

  private static String extension(String location) {
    int slash = location.lastIndexOf('/');
    int dot = location.lastIndexOf('.');
    return dot > slash ? location.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String dataUri(String mime, byte[] bytes) {
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
