package io.klio.runtime.dag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.io.UncheckedIOException;

/**
 * {@code {"jobs": [...]}} where each entry has the fields of the job's manifest ({@code
 * META-INF/klio/jobs/<name>.json}), so tools read one shape whether they start from a jar or from
 * {@code klio dag}.
 */
final class JsonDag {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  private JsonDag() {}

  static String render(JobGraph graph) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode jobs = root.putArray("jobs");
    for (String name : graph.topologicalOrder()) {
      jobs.add(job(graph.job(name)));
    }
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(INDENTER).withArrayIndenter(INDENTER);
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of strings always serialises
    }
  }

  private static ObjectNode job(JobSpec spec) {
    ObjectNode job = MAPPER.createObjectNode();
    job.put("name", spec.name());
    ArrayNode parents = job.putArray("parents");
    spec.parents().forEach(parents::add);
    ArrayNode inputs = job.putArray("inputs");
    for (InputSpec in : spec.inputs()) {
      ObjectNode input = inputs.addObject();
      input.put("parameter", in.parameter());
      in.fromJob()
          .ifPresentOrElse(
              from -> input.put("from", from), () -> input.put("location", in.location()));
      input.put("type", in.type());
    }
    ObjectNode output = job.putObject("output");
    output.put("location", spec.output().location());
    output.put("type", spec.output().type());
    job.put("method", spec.method());
    job.put("fingerprint", spec.fingerprint());
    job.put("version", spec.version());
    return job;
  }
}
