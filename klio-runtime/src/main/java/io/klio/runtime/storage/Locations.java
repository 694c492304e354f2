package io.klio.runtime.storage;

import io.klio.common.template.LocationTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders location templates ({@link LocationTemplate}, the grammar the processor checked them
 * with): {@code {id}} becomes the element id, {@code ${var}} a run-time variable. Element ids are
 * checked first, so that no id can escape its directory or change the file system (a hostile id
 * never reaches a read or a write), and every id names exactly one file: literally, also in a
 * {@code file:} URI, and in a name no longer than file systems allow.
 */
public final class Locations {
  /** The longest file name, in bytes, that common file systems (ext4, XFS, APFS, NTFS) take. */
  static final int MAX_NAME_BYTES = 255;

  /** The name of the directory of provenance records beside outputs, which no id may take. */
  public static final String RECORDS = ".klio";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Locations() {}

  /**
   * The location for {@code elementId}. In a {@code file:} URI the id is percent-encoded, since the
   * URI is decoded before use: {@code %2F} or {@code #} in an id stay part of its file name.
   *
   * @throws UnsafeElementIdException if the id could escape its location, or would make a file name
   *     longer than {@value #MAX_NAME_BYTES} bytes or one named {@code .klio}
   * @throws MissingVariableException if a variable the template uses has no value
   * @throws io.klio.common.template.MalformedTemplateException if the template does not parse
   */
  public static String render(String template, String elementId, Map<String, String> variables) {
    checkElementId(elementId);
    List<Integer> ids = new ArrayList<>(); // where the id went
    String rendered =
        LocationTemplate.parse(template).render(elementId, valueIn(variables, template), ids::add);
    StringBuilder out = new StringBuilder(rendered);
    for (int at : ids) {
      checkNameLength(out, at, elementId, template);
    }
    if (out.indexOf("file:") == 0) {
      for (int k = ids.size() - 1; k >= 0; k--) {
        out.replace(ids.get(k), ids.get(k) + elementId.length(), percentEncoded(elementId));
      }
    }
    return out.toString();
  }

  /** Each variable's value, failing with how to define one the run lacks. */
  private static Function<String, String> valueIn(Map<String, String> variables, String template) {
    return name -> {
      String value = variables.get(name);
      if (value == null) {
        throw new MissingVariableException(name, template);
      }
      return value;
    };
  }

  /** Fails if the file name that holds the id at {@code at} of {@code location} is too long. */
  private static void checkNameLength(
      StringBuilder location, int at, String elementId, String template) {
    int start = location.lastIndexOf("/", at) + 1;
    int end = location.indexOf("/", at + elementId.length());
    int bytes = utf8Length(location, start, end < 0 ? location.length() : end);
    if (location.substring(start, end < 0 ? location.length() : end).equals(RECORDS)) {
      throw new UnsafeElementIdException(
          elementId,
          "its file name in '"
              + template
              + "' would be "
              + RECORDS
              + ", the directory of the provenance records of the outputs beside it");
    }
    if (bytes > MAX_NAME_BYTES) {
      throw new UnsafeElementIdException(
          elementId,
          "its file name in '"
              + template
              + "' would be "
              + bytes
              + " bytes in UTF-8, more than the "
              + MAX_NAME_BYTES
              + " a file name can have");
    }
  }

  /** Every byte of the id's UTF-8 but letters, digits and {@code -._} as {@code %XX}. */
  private static String percentEncoded(String id) {
    StringBuilder out = new StringBuilder();
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  static int utf8Length(CharSequence text) {
    return utf8Length(text, 0, text.length());
  }

  /** The UTF-8 length of {@code text} from {@code from} to {@code to}, without encoding it. */
  private static int utf8Length(CharSequence text, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * The directory a template's files go in, for all elements: the rendered text before {@code
   * {id}}, up to its last {@code /}. {@code ${data}/beats/{id}.json} with {@code data=/mnt} is
   * {@code /mnt/beats/}.
   */
  public static String directory(String template, Map<String, String> variables) {
    String rendered =
        LocationTemplate.parse(template)
            .beforeId()
            .render("", valueIn(variables, template), at -> {});
    return rendered.substring(0, rendered.lastIndexOf('/') + 1);
  }

  /**
   * The element id a line of an id file holds: the line without surrounding whitespace; null for a
   * blank line or a comment ({@code #}).
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

  /** The {@code ${var}} names a template uses, sorted. */
  public static Set<String> variables(String template) {
    return new TreeSet<>(LocationTemplate.parse(template).variables());
  }

  /**
   * Rejects ids that could read or write outside their location: path separators, {@code ..},
   * scheme separators, glob characters, whitespace and control characters; and ids that cannot be a
   * file name: longer than {@value #MAX_NAME_BYTES} bytes in UTF-8, or not valid Unicode (a lone
   * surrogate, which a file system would store as '?', the same for every such id).
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
    if (id.length() > MAX_NAME_BYTES || utf8Length(id) > MAX_NAME_BYTES) {
      return "it is "
          + utf8Length(id)
          + " bytes in UTF-8, longer than the "
          + MAX_NAME_BYTES
          + " a file name can have";
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
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < id.length()
              && Character.isLowSurrogate(id.charAt(++i)))) {
        return "it is not valid Unicode: it has a lone surrogate";
      }
    }
    return null;
  }
}
