package io.klio.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads the dead letters a run stored for one job ({@code <location>/<job>/<name>.json}), those
 * written since the run started. Older letters have fewer fields: only {@code job}, {@code element}
 * and {@code reason} are needed.
 */
final class DeadLetterFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** File times and this machine's clock may differ by a little. */
  private static final long CLOCK_SLACK_MILLIS = 2_000;

  /** A stored letter, as much of it as the report needs. */
  record Letter(String job, String element, String summary, int attempts) {}

  /** The letters found, and how many more files there were than were read. */
  record Found(List<Letter> letters, long unread) {}

  private DeadLetterFiles() {}

  /**
   * The letters in {@code location}'s {@code folder} written at or after {@code sinceMillis}, at
   * most {@code limit} of them read.
   */
  static Found read(String location, String folder, long sinceMillis, int limit)
      throws IOException {
    String pattern = location.replaceAll("/+$", "") + "/" + folder + "/*.json";
    MatchResult match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return new Found(List.of(), 0);
    }
    List<Letter> letters = new ArrayList<>();
    long unread = 0;
    for (MatchResult.Metadata file : match.metadata()) {
      long modified = file.lastModifiedMillis(); // 0 where the file system does not say
      if (modified != 0 && modified < sinceMillis - CLOCK_SLACK_MILLIS) {
        continue;
      }
      if (letters.size() >= limit) {
        unread++;
        continue;
      }
      try (InputStream in = Storage.open(file.resourceId().toString())) {
        parse(in.readAllBytes()).ifPresent(letters::add);
      }
    }
    return new Found(letters, unread);
  }

  /** A letter from its JSON; empty if the file is not one. */
  static Optional<Letter> parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject() || !root.hasNonNull("reason")) {
      return Optional.empty();
    }
    String reason = root.get("reason").asText();
    String summary =
        root.hasNonNull("summary")
            ? root.get("summary").asText()
            : reason.lines().findFirst().orElse(reason);
    return Optional.of(
        new Letter(
            root.path("job").asText(""),
            root.hasNonNull("element") ? root.get("element").asText() : "",
            summary,
            root.path("attempts").asInt(-1)));
  }
}
