package io.klio.runtime.dag;

import java.util.function.Function;

/**
 * The ways {@code klio dag --format} prints a {@link JobGraph}: text for people, JSON for tools
 * (the shape of the per-job manifests), DOT for Graphviz and Mermaid for Markdown pages. Every
 * format lists jobs in topological order so the output is the same on every machine and diffs
 * cleanly.
 */
public enum DagFormat {
  TEXT(TextDag::render),
  JSON(JsonDag::render),
  DOT(DotDag::render),
  MERMAID(MermaidDag::render);

  private final Function<JobGraph, String> renderer;

  DagFormat(Function<JobGraph, String> renderer) {
    this.renderer = renderer;
  }

  /** The whole graph in this format, ending with a newline. */
  public String render(JobGraph graph) {
    return renderer.apply(graph);
  }
}
