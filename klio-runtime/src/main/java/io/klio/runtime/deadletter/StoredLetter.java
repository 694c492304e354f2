package io.klio.runtime.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.execution.DeadLetter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dead letter as stored, one JSON object a file, with exactly the fields {@code job}, {@code
 * element}, {@code reason} (the whole trace), {@code summary} (its first line), {@code attempts},
 * {@code time} (ISO-8601) and {@code message} (the original message bytes in base64). Other tools
 * read these names; keep them.
 *
 * @param file where the letter is stored
 * @param element the element id; null for bytes that held none
 * @param time when the letter was given up; for a letter written before letters had one, its file's
 *     last write time if the store reported it, else the epoch
 */
public record StoredLetter(
    String file,
    String job,
    String element,
    String reason,
    String summary,
    int attempts,
    Instant time,
    byte[] message) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record of {@code letter}, as the sink writes it. */
  public static Map<String, Object> fields(DeadLetter letter) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("job", letter.job());
    record.put("element", letter.elementId());
    record.put("reason", letter.reason());
    record.put("summary", letter.summary());
    record.put("attempts", letter.attempts());
    record.put("time", letter.time().toString());
    record.put("message", Base64.getEncoder().encodeToString(letter.message()));
    return record;
  }

  /**
   * Reads a stored letter; {@code written} stands in for the time of letters that have none.
   *
   * @throws IOException if the bytes are not a letter
   */
  public static StoredLetter parse(String file, byte[] bytes, Optional<Instant> written)
      throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IOException(file + ": not a dead letter: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject() || !node.path("reason").isTextual()) {
      throw new IOException(file + ": not a dead letter (no reason)");
    }
    String reason = node.get("reason").asText();
    Instant time = written.orElse(Instant.EPOCH);
    if (node.path("time").isTextual()) {
      try {
        time = Instant.parse(node.get("time").asText());
      } catch (DateTimeParseException e) {
        throw new IOException(file + ": time is not an ISO-8601 instant: " + e.getMessage(), e);
      }
    }
    byte[] message;
    try {
      message = Base64.getDecoder().decode(node.path("message").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": message is not base64", e);
    }
    return new StoredLetter(
        file,
        node.path("job").asText(""),
        node.path("element").isTextual() ? node.get("element").asText() : null,
        reason,
        node.path("summary").isTextual()
            ? node.get("summary").asText()
            : DeadLetter.summary(reason),
        node.path("attempts").asInt(0),
        time,
        message);
  }

  /**
   * The reason's first line with this letter's element id as {@code {id}} where it stands on its
   * own (not inside a longer name), to group the letters of one cause.
   */
  public String groupedSummary() {
    if (element == null || element.isEmpty()) {
      return summary;
    }
    return summary.replaceAll(
        "(?<![\\p{L}\\p{N}_-])" + Pattern.quote(element) + "(?![\\p{L}\\p{N}_-])", "{id}");
  }
}
