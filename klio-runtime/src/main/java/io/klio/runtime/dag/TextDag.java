package io.klio.runtime.dag;

import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.util.Collection;

/** One block per job, parents first: what a person needs to see where data comes from and goes. */
final class TextDag {
  private TextDag() {}

  static String render(JobGraph graph) {
    StringBuilder out = new StringBuilder();
    for (String name : graph.topologicalOrder()) {
      JobSpec job = graph.job(name);
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(name).append('\n');
      line(out, "method", job.method());
      line(out, "parents", list(job.parents()));
      line(out, "children", list(graph.children(name)));
      for (InputSpec input : job.inputs()) {
        String source = input.fromJob().map(j -> "from " + j).orElse("at " + input.location());
        line(out, "input", input.parameter() + ": " + input.type() + " " + source);
      }
      line(out, "output", job.output().type() + " at " + job.output().location());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("  ").append(String.format("%-9s", label)).append(value).append('\n');
  }

  private static String list(Collection<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
