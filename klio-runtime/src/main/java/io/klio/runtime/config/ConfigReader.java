package io.klio.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.klio.common.text.Suggestions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Checks the YAML tree key by key, so every mistake is reported with its key path rather than as a
 * mapping exception from deep inside Jackson. Values are kept as written; {@link KlioConfig}
 * resolves {@code ${var}} references once command-line variables are known.
 */
final class ConfigReader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final List<String> TOP_KEYS =
      List.of("vars", "pipeline", "deadLetters", "provenance", "jobs");
  private static final List<String> JOB_KEYS =
      List.of(
          "timeout",
          "retries",
          "retryDelay",
          "deadLetters",
          "maxConcurrency",
          "maxInputBytes",
          "events");
  private static final List<String> PROVENANCE_KEYS = List.of("unrecorded");
  private static final List<String> EVENT_KEYS =
      List.of("inputTopic", "inputSubscription", "outputTopic", "requestTimeout");
  private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|B|KB|MB|GB|KiB|MiB|GiB)");

  /** The longest timeout: a year, far below what the runtime's clocks hold (292 years of nanos). */
  private static final Duration MAX_DURATION = Duration.ofDays(365);

  private final String source;

  private ConfigReader(String source) {
    this.source = source;
  }

  static KlioConfig read(String yaml, String source) {
    return new ConfigReader(source).read(yaml);
  }

  private KlioConfig read(String yaml) {
    JsonNode root;
    try (JsonParser parser = YAML.createParser(yaml)) {
      root = YAML.readTree(parser);
      JsonToken next = parser.nextToken();
      if (next != null && next != JsonToken.VALUE_NULL) {
        // Jackson would read the first document only and drop the rest unseen.
        throw new KlioConfigException(
            source,
            "line " + parser.currentTokenLocation().getLineNr(),
            "a second YAML document (after '---'): a config is one document");
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    mapping(root, "", TOP_KEYS);
    Map<String, String> variables = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(root, "vars")) {
      String path = "vars." + e.getKey();
      variables.put(e.getKey(), scalar(e.getValue(), path));
      KlioConfig.checkVariable(source, path, e.getKey(), variables.get(e.getKey()));
    }
    Map<String, List<String>> pipeline = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(root, "pipeline")) {
      pipeline.put(e.getKey(), option(e.getKey(), e.getValue()));
    }
    Optional<String> deadLetters = optionalScalar(root, "deadLetters", "deadLetters");
    Map<String, JobConfig> jobs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(root, "jobs")) {
      jobs.put(e.getKey(), job("jobs." + e.getKey(), e.getValue()));
    }
    return new KlioConfig(source, variables, pipeline, deadLetters, unrecordedAreStale(root), jobs);
  }

  /** {@code provenance.unrecorded}: whether {@code --stale} recomputes outputs without a record. */
  private boolean unrecordedAreStale(JsonNode root) {
    JsonNode provenance = root.get("provenance");
    if (provenance == null || provenance.isNull()) {
      return false;
    }
    mapping(provenance, "provenance", PROVENANCE_KEYS);
    String value =
        optionalScalar(provenance, "unrecorded", "provenance.unrecorded").orElse("current");
    return switch (value) {
      case "current" -> false;
      case "stale" -> true;
      default ->
          throw new KlioConfigException(
              source,
              "provenance.unrecorded",
              "'"
                  + value
                  + "': use current (outputs without a record count as current, the default)"
                  + " or stale (--stale recomputes them)");
    };
  }

  /**
   * Where the YAML went wrong. SnakeYAML's marks are exact (Jackson's location is the last token
   * read) and its problem is the useful half of its message; duplicate keys come from Jackson.
   */
  private KlioConfigException syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String context =
          m.getContext() == null || m.getContextMark() == null
              ? ""
              : " (" + m.getContext() + " at " + position(m.getContextMark()) + ")";
      return new KlioConfigException(
          source, position(m.getProblemMark()), "not valid YAML: " + m.getProblem() + context);
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new KlioConfigException(
        source, where, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
  }

  private static String position(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private List<String> option(String name, JsonNode value) {
    String path = "pipeline." + name;
    if (!OPTION_NAME.matcher(name).matches()) {
      throw new KlioConfigException(
          source,
          path,
          "not a Beam option name: write it without '--', like runner or tempLocation");
    }
    List<String> values = new ArrayList<>();
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        values.add(scalar(value.get(i), path + "[" + i + "]"));
      }
    } else {
      values.add(scalar(value, path));
    }
    return values;
  }

  private JobConfig job(String path, JsonNode node) {
    if (node.isNull()) {
      return JobConfig.NONE;
    }
    mapping(node, path, JOB_KEYS);
    Optional<Duration> timeout =
        optionalScalar(node, "timeout", path + ".timeout")
            .map(text -> duration(text, path + ".timeout"));
    OptionalInt retries =
        optionalScalar(node, "retries", path + ".retries").stream()
            .mapToInt(text -> wholeNumber(text, path + ".retries"))
            .findFirst();
    Optional<Duration> retryDelay =
        optionalScalar(node, "retryDelay", path + ".retryDelay")
            .map(text -> duration(text, path + ".retryDelay"));
    Optional<String> deadLetters = optionalScalar(node, "deadLetters", path + ".deadLetters");
    OptionalInt maxConcurrency =
        optionalScalar(node, "maxConcurrency", path + ".maxConcurrency").stream()
            .mapToInt(text -> positiveNumber(text, path + ".maxConcurrency"))
            .findFirst();
    OptionalLong maxInputBytes =
        optionalScalar(node, "maxInputBytes", path + ".maxInputBytes").stream()
            .mapToLong(text -> size(text, path + ".maxInputBytes"))
            .findFirst();
    JobConfig.Events events = JobConfig.Events.NONE;
    JsonNode eventsNode = node.get("events");
    if (eventsNode != null) {
      String eventsPath = path + ".events";
      mapping(eventsNode, eventsPath, EVENT_KEYS);
      events =
          new JobConfig.Events(
              optionalScalar(eventsNode, "inputTopic", eventsPath + ".inputTopic"),
              optionalScalar(eventsNode, "inputSubscription", eventsPath + ".inputSubscription"),
              optionalScalar(eventsNode, "outputTopic", eventsPath + ".outputTopic"),
              optionalScalar(eventsNode, "requestTimeout", eventsPath + ".requestTimeout")
                  .map(text -> duration(text, eventsPath + ".requestTimeout")));
    }
    return new JobConfig(
        timeout, retries, retryDelay, deadLetters, maxConcurrency, maxInputBytes, events);
  }

  /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT10M}. */
  private Duration duration(String text, String path) {
    Duration duration;
    Matcher m = SHORT_DURATION.matcher(text);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        duration =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        duration = Duration.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw new KlioConfigException(
          source, path, "must be a duration like 500ms, 30s, 10m, 2h or PT10M, got '" + text + "'");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new KlioConfigException(source, path, "must be longer than zero, got '" + text + "'");
    }
    if (duration.compareTo(MAX_DURATION) > 0) {
      throw new KlioConfigException(source, path, "must be at most 365d, got '" + text + "'");
    }
    return duration;
  }

  /**
   * Bytes: {@code 5000000}, {@code 500KB}, {@code 200MB}, {@code 2GB}, {@code 64MiB}, {@code 1GiB}.
   */
  private long size(String text, String path) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new KlioConfigException(
          source,
          path,
          "must be a size of 1 byte or more like 5000000, 500KB, 200MB, 2GB or 64MiB,"
              + " got '"
              + text
              + "'");
    }
    long unit =
        switch (m.group(2)) {
          case "KB" -> 1_000L;
          case "MB" -> 1_000_000L;
          case "GB" -> 1_000_000_000L;
          case "KiB" -> 1L << 10;
          case "MiB" -> 1L << 20;
          case "GiB" -> 1L << 30;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException e) {
      throw new KlioConfigException(source, path, "is too large: '" + text + "'");
    }
  }

  private int wholeNumber(String text, String path) {
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      throw new KlioConfigException(source, path, "must be a whole number ≥ 0, got '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  private int positiveNumber(String text, String path) {
    int number = wholeNumber(text, path);
    if (number == 0) {
      throw new KlioConfigException(source, path, "must be 1 or more, got '" + text + "'");
    }
    return number;
  }

  /** Fails unless {@code node} is a mapping whose keys are all in {@code known}. */
  private void mapping(JsonNode node, String path, List<String> known) {
    if (!node.isObject()) {
      throw new KlioConfigException(
          source,
          path,
          "must be a mapping with keys " + String.join(", ", known) + ", got " + describe(node));
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                throw new KlioConfigException(
                    source,
                    path.isEmpty() ? key : path + "." + key,
                    "unknown key"
                        + Suggestions.didYouMean(key, known)
                        + " (known keys: "
                        + String.join(", ", known)
                        + ")");
              }
            });
  }

  /** The entries of the mapping at {@code root.key}; none if the key is absent. */
  private List<Map.Entry<String, JsonNode>> entries(JsonNode root, String key) {
    JsonNode node = root.get(key);
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    if (node == null) {
      return entries;
    }
    if (!node.isObject()) {
      throw new KlioConfigException(source, key, "must be a mapping, got " + describe(node));
    }
    node.fields().forEachRemaining(entries::add);
    return entries;
  }

  private Optional<String> optionalScalar(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    return node == null ? Optional.empty() : Optional.of(scalar(node, path));
  }

  private String scalar(JsonNode node, String path) {
    if (node.isNull() || !node.isValueNode()) {
      throw new KlioConfigException(source, path, "must be a single value, got " + describe(node));
    }
    return node.asText();
  }

  private static String describe(JsonNode node) {
    if (node.isNull()) {
      return "nothing";
    }
    return node.isArray() ? "a list" : node.isObject() ? "a mapping" : "'" + node.asText() + "'";
  }
}
