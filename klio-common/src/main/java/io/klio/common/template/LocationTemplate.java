package io.klio.common.template;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * A parsed location template, such as {@code ${data}/beats/{id}.json}: {@code {id}} stands for the
 * element id, {@code ${var}} for a variable given at run time, everything else is literal. There
 * are no escapes: any other '$', '{' or '}' is malformed, so that a typo such as {@code {track}} or
 * {@code $data} fails where it is written instead of naming a file.
 *
 * <p>The processor checks locations with it at compile time and the runtime renders them with it,
 * so the two cannot disagree about what a location means.
 */
public final class LocationTemplate {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  /** A piece of a template. */
  public sealed interface Part permits Literal, Variable, Id {}

  /** Text copied as is. */
  public record Literal(String text) implements Part {}

  /** {@code ${name}}. */
  public record Variable(String name) implements Part {}

  /** {@code {id}}. */
  public record Id() implements Part {}

  private final String text;
  private final List<Part> parts;

  private LocationTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Parses a location.
   *
   * @throws MalformedTemplateException if it is blank, or has a '$', '{' or '}' that is not part of
   *     a {@code ${var}} or {@code {id}}, or a variable name that is not one
   */
  public static LocationTemplate parse(String text) {
    return new LocationTemplate(text, TemplateParser.parse(text, true));
  }

  /**
   * Parses text in which only {@code ${var}} is special, such as a config value that may hold JSON
   * or a location's {@code {id}}: other '$', braces and {@code {id}} are literal.
   *
   * @throws MalformedTemplateException if a '${' is not closed or does not hold a name
   */
  public static LocationTemplate parseVariablesOnly(String text) {
    return new LocationTemplate(text, TemplateParser.parse(text, false));
  }

  /** Letters, digits, {@code _}, {@code .} and {@code -}, starting with a letter or {@code _}. */
  public static boolean isVariableName(String name) {
    return VARIABLE_NAME.matcher(name).matches();
  }

  /** The text this was parsed from. */
  public String text() {
    return text;
  }

  /** The literal texts, variables and ids, in order; adjacent literal text is one part. */
  public List<Part> parts() {
    return parts;
  }

  public boolean hasId() {
    return parts.stream().anyMatch(p -> p instanceof Id);
  }

  /** The names of the variables used, each once, in the order of their first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Variable variable) {
        names.add(variable.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * The parts before the first {@code {id}} (all of them if there is none): what every element's
   * location starts with.
   */
  public LocationTemplate beforeId() {
    int id = 0;
    while (id < parts.size() && !(parts.get(id) instanceof Id)) {
      id++;
    }
    return id == parts.size()
        ? this
        : new LocationTemplate(text, List.copyOf(parts.subList(0, id)));
  }

  /**
   * The location of element {@code id}.
   *
   * @throws IllegalArgumentException if a variable used has no value in {@code variables}
   */
  public String render(String id, Map<String, String> variables) {
    return render(id, variables::get, at -> {});
  }

  /**
   * The location of element {@code id}, telling {@code idAt} where in it each copy of the id
   * starts, so that callers can check or encode the file name around it.
   *
   * @param valueOf each variable's value; may throw its own exception for an undefined one
   * @throws IllegalArgumentException if {@code valueOf} returns null
   */
  public String render(String id, Function<String, String> valueOf, IntConsumer idAt) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Variable variable) {
        String value = valueOf.apply(variable.name());
        if (value == null) {
          throw new IllegalArgumentException(
              "variable '${" + variable.name() + "}' in '" + text + "' has no value");
        }
        out.append(value);
      } else {
        idAt.accept(out.length());
        out.append(id);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
