package io.klio.runtime.dag;

import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * A Graphviz digraph: jobs are boxes, edges run parent to child, and external inputs are notes
 * labelled with their location, one per distinct location, so shared raw data shows as shared.
 */
final class DotDag {
  private DotDag() {}

  static String render(JobGraph graph) {
    StringBuilder out = new StringBuilder("digraph klio {\n  node [shape=box];\n");
    Set<String> declared = new HashSet<>();
    for (String name : graph.topologicalOrder()) {
      JobSpec job = graph.job(name);
      out.append("  ").append(quote(name)).append(";\n");
      for (InputSpec input : job.inputs()) {
        if (input.fromJob().isEmpty()) {
          String id = quote("input:" + input.location());
          if (declared.add(id)) {
            out.append("  ")
                .append(id)
                .append(" [shape=note, label=")
                .append(quote(input.location()))
                .append("];\n");
          }
          out.append("  ").append(id).append(" -> ").append(quote(name)).append(";\n");
        }
      }
      for (String parent : job.parents()) {
        out.append("  ").append(quote(parent)).append(" -> ").append(quote(name)).append(";\n");
      }
    }
    return out.append("}\n").toString();
  }

  /** A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's {@code \n}. */
  private static String quote(String text) {
    return '"'
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n")
        + '"';
  }
}
