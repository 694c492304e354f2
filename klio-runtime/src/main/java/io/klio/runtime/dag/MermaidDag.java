package io.klio.runtime.dag;

import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Mermaid {@code flowchart TD}. Job names contain {@code -}, which Mermaid ids cannot, and a bare
 * {@code end} would close the chart, so ids are {@code job_} plus the name with every other
 * character turned into {@code _} (job names are letters, digits and {@code -}, so ids stay
 * distinct); the real name is the quoted label. External inputs are parallelograms labelled with
 * their location, one per distinct location.
 */
final class MermaidDag {
  private MermaidDag() {}

  static String render(JobGraph graph) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    Map<String, String> externalIds = new LinkedHashMap<>();
    for (String name : graph.topologicalOrder()) {
      JobSpec job = graph.job(name);
      out.append("  ").append(id(name)).append("[").append(label(name)).append("]\n");
      for (InputSpec input : job.inputs()) {
        if (input.fromJob().isEmpty()) {
          String id = externalIds.get(input.location());
          if (id == null) {
            id = "input_" + externalIds.size();
            externalIds.put(input.location(), id);
            out.append("  ").append(id).append("[/").append(label(input.location())).append("/]\n");
          }
          out.append("  ").append(id).append(" --> ").append(id(name)).append('\n');
        }
      }
      for (String parent : job.parents()) {
        out.append("  ").append(id(parent)).append(" --> ").append(id(name)).append('\n');
      }
    }
    return out.toString();
  }

  private static String id(String job) {
    return "job_" + job.replaceAll("[^A-Za-z0-9]", "_");
  }

  /** Quoted, with Mermaid's entity for the one character a quoted label cannot hold. */
  private static String label(String text) {
    return '"' + text.replace("\"", "#quot;") + '"';
  }
}
