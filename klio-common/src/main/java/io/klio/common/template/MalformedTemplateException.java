package io.klio.common.template;

/** A template that does not parse: what is wrong, and the column (from 1) where it starts. */
public final class MalformedTemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String template;
  private final int column;
  private final String reason;

  MalformedTemplateException(String template, int column, String reason) {
    super("malformed template '" + template + "': " + reason);
    this.template = template;
    this.column = column;
    this.reason = reason;
  }

  public String template() {
    return template;
  }

  /** The column, counted in characters from 1, of the text the reason is about. */
  public int column() {
    return column;
  }

  /** What is wrong, naming the column: {@code "'${' at column 1 has no closing '}'"}. */
  public String reason() {
    return reason;
  }
}
