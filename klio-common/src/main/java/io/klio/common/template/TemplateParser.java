package io.klio.common.template;

import io.klio.common.template.LocationTemplate.Id;
import io.klio.common.template.LocationTemplate.Literal;
import io.klio.common.template.LocationTemplate.Part;
import io.klio.common.template.LocationTemplate.Variable;
import java.util.ArrayList;
import java.util.List;

/** The one reader of template text; {@link LocationTemplate} says what the grammar is. */
final class TemplateParser {
  private final String text;
  private final boolean locations;
  private final List<Part> parts = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();

  private TemplateParser(String text, boolean locations) {
    this.text = text;
    this.locations = locations;
  }

  /** The parts of {@code text}; with {@code locations} false only {@code ${var}} is special. */
  static List<Part> parse(String text, boolean locations) {
    return new TemplateParser(text, locations).parts();
  }

  private List<Part> parts() {
    if (locations && text.isBlank()) {
      throw malformed(0, "it is empty");
    }
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("{", i + 1)) {
        i = variable(i);
      } else if (!locations) {
        literal.append(c);
        i++;
      } else if (c == '$') {
        throw malformed(i, "'$' at column " + column(i) + " must start a variable like ${data}");
      } else if (c == '{') {
        i = id(i);
      } else if (c == '}') {
        throw malformed(i, "'}' at column " + column(i) + " closes nothing");
      } else {
        literal.append(c);
        i++;
      }
    }
    endLiteral();
    return List.copyOf(parts);
  }

  /** Reads the {@code ${name}} at {@code start}; returns the index after it. */
  private int variable(int start) {
    int end = closingBrace(start + 2);
    if (end < 0) {
      throw malformed(start, "'${' at column " + column(start) + " has no closing '}'");
    }
    String name = text.substring(start + 2, end);
    if (!LocationTemplate.isVariableName(name)) {
      throw malformed(
          start,
          "'${"
              + name
              + "}' at column "
              + column(start)
              + " is not a variable name: use letters,"
              + " digits, '_', '.' and '-', starting with a letter or '_'");
    }
    endLiteral();
    parts.add(new Variable(name));
    return end + 1;
  }

  /** Reads the {@code {id}} at {@code start}; returns the index after it. */
  private int id(int start) {
    int end = closingBrace(start + 1);
    if (end < 0) {
      throw malformed(start, "'{' at column " + column(start) + " has no closing '}'");
    }
    String name = text.substring(start + 1, end);
    if (!name.equals("id")) {
      String asVariable = LocationTemplate.isVariableName(name) ? "${" + name + "}" : "${name}";
      throw malformed(
          start,
          "'{"
              + name
              + "}' at column "
              + column(start)
              + " is unknown: use {id} for the element"
              + " id or "
              + asVariable
              + " for a variable");
    }
    endLiteral();
    parts.add(new Id());
    return end + 1;
  }

  /**
   * The index of the '}' that closes a brace opened before {@code from}, or -1 if there is none
   * before the next '{' or '$': a brace that opens something else is not closed by its '}'.
   */
  private int closingBrace(int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == '{' || c == '$') {
        return -1;
      }
    }
    return -1;
  }

  private void endLiteral() {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  /** Columns count characters (code points) from 1, as an editor shows them. */
  private int column(int index) {
    return text.codePointCount(0, index) + 1;
  }

  private MalformedTemplateException malformed(int index, String reason) {
    return new MalformedTemplateException(text, column(index), reason);
  }
}
