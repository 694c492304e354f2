package io.klio.runtime.flex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code gcloud} commands for a {@link FlexTemplate}: {@code flex-template build} on Google's
 * Java 17 launcher base image with the app's jar (no Dockerfile of one's own), and an example
 * {@code flex-template run}.
 *
 * @param jar the app's runnable jar, with the Klio runtime, the jobs and the Dataflow runner
 * @param templateLocation where the template files go, {@code gs://bucket/path}
 * @param imageRepository the Artifact Registry repository of the launcher images, {@code
 *     REGION-docker.pkg.dev/PROJECT/REPOSITORY}
 */
public record GcloudCommands(String jar, String templateLocation, String imageRepository) {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  public GcloudCommands {
    templateLocation = stripTrailingSlash(templateLocation);
    imageRepository = stripTrailingSlash(imageRepository);
  }

  /** Where {@code template} is stored: {@code <templateLocation>/<name>.json}. */
  public String templateFile(FlexTemplate template) {
    return templateLocation + "/" + template.name() + ".json";
  }

  /** The command that builds the launcher image and stores the template file. */
  public String build(FlexTemplate template, String metadataFile) {
    return lines(
        List.of(
            "gcloud dataflow flex-template build " + quote(templateFile(template)),
            "--image-gcr-path=" + quote(imageRepository + "/" + template.name() + ":latest"),
            "--sdk-language=JAVA",
            "--flex-template-base-image=JAVA17",
            "--jar=" + quote(jar),
            "--metadata-file=" + quote(metadataFile),
            "--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=" + template.mainClass()));
  }

  /** A launch of {@code template} with its required parameters as placeholders. */
  public String runExample(FlexTemplate template) {
    List<String> required = new ArrayList<>();
    for (TemplateParameter parameter : template.parameters()) {
      if (!parameter.optional()) {
        required.add(parameter.name() + "=" + placeholder(parameter.name()));
      }
    }
    List<String> parts = new ArrayList<>();
    parts.add(
        "gcloud dataflow flex-template run \"" + template.name() + "-$(date +%Y%m%d-%H%M%S)\"");
    parts.add("--template-file-gcs-location=" + quote(templateFile(template)));
    parts.add("--region=REGION");
    if (!required.isEmpty()) {
      parts.add(quote("--parameters=" + String.join(",", required)));
    }
    return lines(parts);
  }

  private static String placeholder(String parameter) {
    return switch (parameter) {
      case TemplateParameters.CONFIG -> "gs://BUCKET/klio.yaml";
      case TemplateParameters.IDS -> "gs://BUCKET/ids/ids-*.txt";
      default -> "VALUE";
    };
  }

  private static String lines(List<String> parts) {
    return String.join(" \\\n    ", parts);
  }

  private static String quote(String arg) {
    return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  private static String stripTrailingSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }
}
