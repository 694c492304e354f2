package io.klio.processor.model;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compile-time view of a location template: {@code {id}} for the element id, {@code ${var}}
 * for run-time variables, everything else literal. The runtime renders the same syntax.
 */
public final class LocationTemplate {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final boolean hasId;
  private final Set<String> variables;

  private LocationTemplate(boolean hasId, Set<String> variables) {
    this.hasId = hasId;
    this.variables = variables;
  }

  public boolean hasId() {
    return hasId;
  }

  public Set<String> variables() {
    return variables;
  }

  /** Parses {@code text}; on failure says what is wrong. */
  public static Result parse(String text) {
    if (text.isBlank()) {
      return Result.error("it is empty");
    }
    boolean hasId = false;
    Set<String> variables = new LinkedHashSet<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '{') {
          return Result.error("'$' at position " + i + " must start a variable like ${data}");
        }
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          return Result.error("'${' at position " + i + " has no closing '}'");
        }
        String name = text.substring(i + 2, end);
        if (!VARIABLE.matcher(name).matches()) {
          return Result.error(
              "'${" + name + "}' is not a variable name (letters, digits, '_', '.', '-')");
        }
        variables.add(name);
        i = end + 1;
      } else if (c == '{') {
        int end = text.indexOf('}', i + 1);
        if (end < 0) {
          return Result.error("'{' at position " + i + " has no closing '}'");
        }
        String name = text.substring(i + 1, end);
        if (!name.equals("id")) {
          return Result.error(
              "'{" + name + "}' is unknown: use {id} for the element id or ${" + name
                  + "} for a variable");
        }
        hasId = true;
        i = end + 1;
      } else if (c == '}') {
        return Result.error("'}' at position " + i + " closes nothing");
      } else {
        i++;
      }
    }
    return new Result(Optional.of(new LocationTemplate(hasId, Set.copyOf(variables))), null);
  }

  /** A parsed template or the reason it is malformed. */
  public record Result(Optional<LocationTemplate> template, String error) {
    static Result error(String reason) {
      return new Result(Optional.empty(), reason);
    }
  }
}
