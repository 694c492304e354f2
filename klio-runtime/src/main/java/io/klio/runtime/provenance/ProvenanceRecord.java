package io.klio.runtime.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The provenance of one output: which job made it for which element, from which code (fingerprint
 * and version) and which data (each input's location and version), when, how long the job method
 * ran, on which runner, with which Klio, and what it wrote (size and SHA-256). Stored as JSON in
 * the output's record directory ({@link RecordLayout}).
 */
public record ProvenanceRecord(
    String job,
    String id,
    String output,
    String key,
    String fingerprint,
    String version,
    List<InputVersion> inputs,
    Instant started,
    long durationMillis,
    long outputBytes,
    String outputSha256,
    String runner,
    String klio) {

  /** This Klio's version, as records and {@code klio --version} show it. */
  public static final String KLIO_VERSION = "0.1.0-SNAPSHOT";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ProvenanceRecord {
    inputs = List.copyOf(inputs);
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("job", job);
    root.put("id", id);
    root.put("output", output);
    root.put("key", key);
    root.put("fingerprint", fingerprint);
    root.put("version", version);
    ArrayNode in = root.putArray("inputs");
    for (InputVersion input : inputs) {
      ObjectNode entry = in.addObject();
      entry.put("parameter", input.parameter());
      entry.put("location", input.location());
      if (input.fromJob() != null) {
        entry.put("from", input.fromJob());
      }
      entry.put("version", input.version());
    }
    root.put("started", started.toString());
    root.put("durationMillis", durationMillis);
    root.put("outputBytes", outputBytes);
    root.put("outputSha256", outputSha256);
    root.put("runner", runner);
    root.put("klio", klio);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root); // read by people too
    } catch (IOException e) {
      throw new IllegalStateException(e); // a tree of strings and numbers always serialises
    }
  }

  /** Reads a record; fails with the reason if it is not one. */
  public static ProvenanceRecord parse(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    if (root == null || !root.isObject()) {
      throw new IOException("not a provenance record");
    }
    List<InputVersion> inputs = new ArrayList<>();
    for (JsonNode input : root.path("inputs")) {
      inputs.add(
          new InputVersion(
              text(input, "parameter"),
              text(input, "location"),
              input.hasNonNull("from") ? input.get("from").asText() : null,
              text(input, "version")));
    }
    try {
      return new ProvenanceRecord(
          text(root, "job"),
          text(root, "id"),
          text(root, "output"),
          text(root, "key"),
          text(root, "fingerprint"),
          text(root, "version"),
          inputs,
          Instant.parse(text(root, "started")),
          root.path("durationMillis").asLong(),
          root.path("outputBytes").asLong(),
          text(root, "outputSha256"),
          text(root, "runner"),
          text(root, "klio"));
    } catch (RuntimeException e) {
      throw new IOException("not a provenance record: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IOException("provenance record without '" + field + "'");
    }
    return value.asText();
  }
}
