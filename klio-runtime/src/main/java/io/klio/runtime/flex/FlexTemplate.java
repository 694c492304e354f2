package io.klio.runtime.flex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klio.runtime.DagBackfill;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.storage.Locations;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Dataflow Flex Template of the jobs on the classpath: what {@code gcloud dataflow flex-template
 * build} needs besides the jar, namely the main class the launcher starts and the template metadata
 * (name, description, streaming, parameters). Two kinds:
 *
 * <ul>
 *   <li>per job, {@code job-<name>}: the job as its own streaming pipeline on Pub/Sub, as {@code
 *       run --job <name> --config CONFIG}; its main class is the job's generated class.
 *   <li>{@code dag-backfill}: every job for a file of ids, as one batch pipeline, as {@code run
 *       --dag --ids IDS}; its main class is {@link DagBackfill}.
 * </ul>
 */
public final class FlexTemplate {
  /** The name of the whole-DAG backfill template; job templates are {@code job-<name>}. */
  public static final String DAG_BACKFILL = "dag-backfill";

  private static final String ON_CLOUD_STORAGE = "^gs://.+$";
  private static final String TRUE_OR_FALSE = "^(true|false)$";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String name;
  private final String mainClass;
  private final String title;
  private final String description;
  private final boolean streaming;
  private final List<TemplateParameter> parameters;
  private final List<String> variablesWithoutParameter;

  private FlexTemplate(
      String name,
      String mainClass,
      String title,
      String description,
      boolean streaming,
      List<TemplateParameter> parameters,
      List<String> variablesWithoutParameter) {
    this.name = name;
    this.mainClass = mainClass;
    this.title = title;
    this.description = description;
    this.streaming = streaming;
    this.parameters = List.copyOf(parameters);
    this.variablesWithoutParameter = List.copyOf(variablesWithoutParameter);
  }

  /** The streaming template of one job; {@code mainClass} is its generated class. */
  public static FlexTemplate perJob(JobGraph graph, String job, String mainClass) {
    List<TemplateParameter> parameters = new ArrayList<>();
    parameters.add(
        new TemplateParameter(
            TemplateParameters.CONFIG,
            "Klio config (klio.yaml)",
            "The klio.yaml on Cloud Storage, such as gs://my-bucket/klio.yaml. It must give jobs."
                + job
                + ".events.inputSubscription (and usually outputTopic); its vars, pipeline"
                + " options and job settings apply as with run --config.",
            false,
            "GCS_READ_FILE",
            List.of(ON_CLOUD_STORAGE)));
    List<String> unnamed = addVariables(parameters, graph, List.of(job));
    return new FlexTemplate(
        "job-" + job,
        mainClass,
        "Klio job " + job + " (per-job streaming)",
        "Runs the Klio job '"
            + job
            + "' as its own streaming pipeline: it reads Klio messages"
            + " from jobs."
            + job
            + ".events.inputSubscription of the config, computes its output"
            + " for each element addressed to it, passes the messages on to events.outputTopic"
            + " and sends bottom-up requests to its parents' events.inputTopic. Same as: run"
            + " --job "
            + job
            + " --config CONFIG.",
        true,
        parameters,
        unnamed);
  }

  /** The batch template that runs every job, top-down, for a file (pattern) of ids. */
  public static FlexTemplate dagBackfill(JobGraph graph) {
    List<TemplateParameter> parameters = new ArrayList<>();
    parameters.add(
        new TemplateParameter(
            TemplateParameters.IDS,
            "Element ids",
            "Files of element ids on Cloud Storage, one id per line ('#' starts a comment): one"
                + " file or a pattern, such as gs://my-bucket/ids/ids-*.txt.",
            false,
            "TEXT",
            List.of(ON_CLOUD_STORAGE)));
    parameters.add(
        new TemplateParameter(
            TemplateParameters.CONFIG,
            "Klio config (klio.yaml)",
            "A klio.yaml on Cloud Storage, such as gs://my-bucket/klio.yaml: vars, pipeline"
                + " options, dead letters and job settings, as with run --config.",
            true,
            "GCS_READ_FILE",
            List.of(ON_CLOUD_STORAGE)));
    parameters.add(
        new TemplateParameter(
            TemplateParameters.FORCE,
            "Recompute existing outputs",
            "true: recompute even where outputs exist (run --force). Default false: existing"
                + " outputs are skipped.",
            true,
            "BOOLEAN",
            List.of(TRUE_OR_FALSE)));
    parameters.add(
        new TemplateParameter(
            TemplateParameters.PING,
            "Ping only",
            "true: compute nothing, only log where each id would go (run --ping).",
            true,
            "BOOLEAN",
            List.of(TRUE_OR_FALSE)));
    List<String> unnamed = addVariables(parameters, graph, graph.topologicalOrder());
    return new FlexTemplate(
        DAG_BACKFILL,
        DagBackfill.class.getName(),
        "Klio DAG backfill (batch)",
        "Runs every Klio job of the DAG, top-down, for each element id in the ids files, as one"
            + " batch pipeline; outputs that exist are skipped unless force is true. Same as: run"
            + " --dag --ids IDS.",
        false,
        parameters,
        unnamed);
  }

  /**
   * Adds one optional parameter per {@code ${variable}} the jobs' locations use; returns the
   * variables whose names cannot be parameter names (they must come from the config).
   */
  private static List<String> addVariables(
      List<TemplateParameter> parameters, JobGraph graph, Collection<String> jobs) {
    Map<String, String> exampleLocation = new TreeMap<>();
    for (String job : jobs) {
      for (String location : graph.job(job).locations()) {
        Locations.variables(location).forEach(v -> exampleLocation.putIfAbsent(v, location));
      }
    }
    List<String> unnamed = new ArrayList<>();
    exampleLocation.forEach(
        (variable, location) -> {
          String reference = "${" + variable + "}";
          TemplateParameters.forVariable(variable)
              .ifPresentOrElse(
                  parameter ->
                      parameters.add(
                          new TemplateParameter(
                              parameter,
                              reference,
                              "The value of "
                                  + reference
                                  + " in the jobs' locations (such as "
                                  + location
                                  + "); overrides vars."
                                  + variable
                                  + " of the config, which must define it"
                                  + " when this is empty.",
                              true,
                              "TEXT",
                              List.of())),
                  () -> unnamed.add(variable));
        });
    return unnamed;
  }

  /** {@code job-<name>} or {@code dag-backfill}: the stem of its files and image. */
  public String name() {
    return name;
  }

  /** The class the launcher starts ({@code FLEX_TEMPLATE_JAVA_MAIN_CLASS}). */
  public String mainClass() {
    return mainClass;
  }

  public boolean streaming() {
    return streaming;
  }

  public List<TemplateParameter> parameters() {
    return parameters;
  }

  /** Variables that have no parameter because of their names; the config must define them. */
  public List<String> variablesWithoutParameter() {
    return variablesWithoutParameter;
  }

  /** The metadata file for {@code gcloud dataflow flex-template build --metadata-file}. */
  public String metadataJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", title);
    json.put("description", description);
    json.put("streaming", streaming);
    ArrayNode array = json.putArray("parameters");
    parameters.forEach(p -> array.add(p.toJson()));
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
