package io.klio.runtime.storage;

/** A template uses a {@code ${var}} that neither the config nor the command line defines. */
public final class MissingVariableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String variable;

  public MissingVariableException(String variable, String template) {
    super(
        "variable '${"
            + variable
            + "}' in '"
            + template
            + "' is not defined: pass --var "
            + variable
            + "=VALUE or set it under 'vars:' in klio.yaml");
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
