package io.klio.runtime.storage;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders location templates: {@code {id}} becomes the element id, {@code ${var}} a run-time
 * variable. Element ids are checked first, so that no id can escape its directory or change the
 * file system (a hostile id never reaches a read or a write).
 */
public final class Locations {
  private static final int MAX_ID_LENGTH = 512;

  private Locations() {}

  public static String render(String template, String elementId, Map<String, String> variables) {
    checkElementId(elementId);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '$' && template.startsWith("{", i + 1)) {
        int end = template.indexOf('}', i);
        String name = template.substring(i + 2, end);
        String value = variables.get(name);
        if (value == null) {
          throw new MissingVariableException(name, template);
        }
        out.append(value);
        i = end + 1;
      } else if (template.startsWith("{id}", i)) {
        out.append(elementId);
        i += 4;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * The directory a template's files go in, for all elements: the rendered text before {@code
   * {id}}, up to its last {@code /}. {@code ${data}/beats/{id}.json} with {@code data=/mnt} is
   * {@code /mnt/beats/}.
   */
  public static String directory(String template, Map<String, String> variables) {
    int id = template.indexOf("{id}");
    String prefix = id < 0 ? template : template.substring(0, id);
    String rendered = render(prefix, "x", variables);
    return rendered.substring(0, rendered.lastIndexOf('/') + 1);
  }

  /**
   * The element id a line of an id file holds: the line without surrounding whitespace; null for
   * a blank line or a comment ({@code #}).
   */
  public static String idInLine(String line) {
    String id = line.strip();
    return id.isEmpty() || id.startsWith("#") ? null : id;
  }

  /** The {@code ${var}} names that {@code templates} use and {@code defined} lacks, sorted. */
  public static Set<String> undefinedVariables(
      java.util.Collection<String> templates, Set<String> defined) {
    Set<String> missing = new TreeSet<>();
    for (String template : templates) {
      variables(template).stream().filter(v -> !defined.contains(v)).forEach(missing::add);
    }
    return missing;
  }

  /** The {@code ${var}} names a template uses. */
  public static Set<String> variables(String template) {
    Set<String> names = new TreeSet<>();
    int i = template.indexOf("${");
    while (i >= 0) {
      int end = template.indexOf('}', i);
      names.add(template.substring(i + 2, end));
      i = template.indexOf("${", end);
    }
    return names;
  }

  /**
   * Rejects ids that could read or write outside their location: path separators, {@code ..},
   * scheme separators, glob characters, whitespace and control characters.
   */
  public static void checkElementId(String id) {
    String problem = elementIdProblem(id);
    if (problem != null) {
      throw new UnsafeElementIdException(id, problem);
    }
  }

  static String elementIdProblem(String id) {
    if (id == null || id.isEmpty()) {
      return "it is empty";
    }
    if (id.length() > MAX_ID_LENGTH) {
      return "it is longer than " + MAX_ID_LENGTH + " characters";
    }
    if (id.contains("..") || id.startsWith(".")) {
      return "it contains '..' or starts with '.'";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || c == ':' || c == '~') {
        return "it contains '" + c + "'";
      }
      if ("*?[]{}".indexOf(c) >= 0) {
        return "it contains the glob character '" + c + "'";
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "it contains whitespace or a control character";
      }
    }
    return null;
  }
}
