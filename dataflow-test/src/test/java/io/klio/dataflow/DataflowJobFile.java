package io.klio.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A Dataflow job as the DataflowRunner writes it ({@code --templateLocation}): type and steps. */
final class DataflowJobFile {
  private final JsonNode job;
  private final List<Step> steps = new ArrayList<>();

  private DataflowJobFile(JsonNode job) {
    this.job = job;
    for (JsonNode step : job.path("steps")) {
      steps.add(new Step(step.path("kind").asText(), step.path("properties")));
    }
  }

  static DataflowJobFile read(Path file) throws IOException {
    return new DataflowJobFile(new ObjectMapper().readTree(file.toFile()));
  }

  /** {@code JOB_TYPE_BATCH} or {@code JOB_TYPE_STREAMING}. */
  String type() {
    return job.path("type").asText();
  }

  /** The pipeline options the job runs with, as the runner recorded them. */
  JsonNode options() {
    return job.path("environment").path("sdkPipelineOptions").path("options");
  }

  List<Step> steps() {
    return steps;
  }

  List<Step> steps(String kind, Predicate<Step> filter) {
    return steps.stream().filter(s -> s.kind().equals(kind)).filter(filter).toList();
  }

  /** The user names of every step, one per line, for assertion messages. */
  String describe() {
    StringBuilder out = new StringBuilder(type()).append('\n');
    steps.forEach(
        s -> out.append("  ").append(s.kind()).append(' ').append(s.userName()).append('\n'));
    return out.toString();
  }

  /** One step: its kind (ParallelDo, GroupByKey, ParallelRead, ...) and properties. */
  record Step(String kind, JsonNode properties) {
    /** The name of the Beam transform the step comes from, such as {@code energy/Process/...}. */
    String userName() {
      return property("user_name");
    }

    /** The value of the step's display data item {@code key}, or empty. */
    String displayData(String key) {
      for (JsonNode item : properties.path("display_data")) {
        if (item.path("key").asText().equals(key)) {
          return item.path("value").asText("");
        }
      }
      return "";
    }

    /** A property's value; the runner writes most as {@code {"@type": ..., "value": ...}}. */
    String property(String name) {
      JsonNode property = properties.path(name);
      return (property.has("value") ? property.path("value") : property).asText("");
    }
  }
}
