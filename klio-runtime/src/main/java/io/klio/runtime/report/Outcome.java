package io.klio.runtime.report;

/**
 * What a job did (a run) or would do (a plan) with its elements: the colours of the page. A job
 * node takes the colour of the first outcome, in this order, that it has any element in.
 */
public enum Outcome {
  FAILED("failed", "dead letters", "#d64545"),
  COMPUTED("computed", "computed", "#2e9d5b"),
  STALE("stale", "would recompute: stale", "#8a5cc7"),
  COMPUTE("compute", "would compute", "#2e9d5b"),
  BLOCKED("blocked", "blocked by a parent or a missing input", "#e69b2e"),
  SKIPPED("skipped", "skipped: output exists", "#6f86a6"),
  NOT_REACHED("not reached", "not reached", "#b9bec6");

  private final String label;
  private final String legend;
  private final String colour;

  Outcome(String label, String legend, String colour) {
    this.label = label;
    this.legend = legend;
    this.colour = colour;
  }

  /** The word a node shows after a count: "3 computed". */
  public String label() {
    return label;
  }

  /** The legend's description. */
  public String legend() {
    return legend;
  }

  public String colour() {
    return colour;
  }

  /** The CSS class and data attribute name: {@code not-reached}. */
  public String key() {
    return label.replace(' ', '-');
  }
}
