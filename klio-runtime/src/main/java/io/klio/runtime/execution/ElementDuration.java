package io.klio.runtime.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;

/** How long the job method ran for one element: what a run's report lists its slowest by. */
public record ElementDuration(String job, String id, long millis) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** As a string for a Beam string-set metric: a JSON array, whatever characters the id has. */
  String encode() {
    ArrayNode array = JSON.createArrayNode().add(job).add(id).add(millis);
    try {
      return JSON.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // strings and a number always serialise
    }
  }

  /** The duration {@link #encode} wrote; empty for anything else. */
  static Optional<ElementDuration> decode(String encoded) {
    try {
      JsonNode array = JSON.readTree(encoded);
      if (array == null || !array.isArray() || array.size() != 3 || !array.get(2).isNumber()) {
        return Optional.empty();
      }
      return Optional.of(
          new ElementDuration(array.get(0).asText(), array.get(1).asText(), array.get(2).asLong()));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
