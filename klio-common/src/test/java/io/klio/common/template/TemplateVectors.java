package io.klio.common.template;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The location-template test vectors ({@code location-templates.tsv}), which klio-common, the
 * processor and the runtime each run through their own entry points.
 */
public final class TemplateVectors {
  private static final String RESOURCE = "/io/klio/common/template/location-templates.tsv";

  private TemplateVectors() {}

  /**
   * One template: either how it renders for {@code id} and {@code variables} (which are exactly the
   * variables it uses, in order of first use), or why it is malformed and where.
   */
  public record Vector(
      String template,
      String id,
      Map<String, String> variables,
      String rendering,
      String reason,
      int column) {
    public boolean malformed() {
      return reason != null;
    }

    @Override
    public String toString() {
      return "'" + template + "'";
    }
  }

  public static List<Vector> all() {
    List<Vector> vectors = new ArrayList<>();
    try (InputStream in = TemplateVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test classpath");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (!line.isEmpty() && !line.startsWith("#")) {
          vectors.add(vector(line, number));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return vectors;
  }

  public static List<Vector> renderings() {
    return all().stream().filter(v -> !v.malformed()).toList();
  }

  public static List<Vector> malformed() {
    return all().stream().filter(Vector::malformed).toList();
  }

  private static Vector vector(String line, int number) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      throw new IllegalStateException(
          RESOURCE + " line " + number + " has " + fields.length + " fields, not 5: " + line);
    }
    Map<String, String> variables = new LinkedHashMap<>();
    if (!fields[2].isEmpty()) {
      for (String assignment : fields[2].split(",")) {
        int equals = assignment.indexOf('=');
        variables.put(assignment.substring(0, equals), assignment.substring(equals + 1));
      }
    }
    return fields[4].equals("-")
        ? new Vector(fields[0], fields[1], variables, fields[3], null, 0)
        : new Vector(fields[0], fields[1], variables, null, fields[3], Integer.parseInt(fields[4]));
  }
}
