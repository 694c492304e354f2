package io.klio.runtime.config;

import io.klio.common.template.LocationTemplate;
import io.klio.common.template.MalformedTemplateException;
import io.klio.common.text.Suggestions;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.storage.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project's {@code klio.yaml}: template variables, Beam pipeline options, the run's dead-letter
 * location and per-job settings. The command line overrides it ({@code --var} here through {@link
 * #withVariables}, Beam flags through {@link #pipelineArgs(List)}).
 *
 * <pre>
 * vars:                 # ${name} in locations and in the values below
 *   data: /tmp/klio-data
 * pipeline:             # Beam options, passed as --key=value
 *   runner: DirectRunner
 * deadLetters: ${data}/dead-letters
 * provenance:
 *   unrecorded: current # or stale: whether run --stale recomputes outputs without a record
 * jobs:
 *   beat-tracking:
 *     timeout: 10m      # 500ms, 30s, 10m, 2h, 1d or ISO-8601 (PT10M); at most 365d
 *     retries: 2
 *     retryDelay: 5s    # the first retry's wait, doubled for each further one (default 1s)
 *     maxConcurrency: 2 # elements one worker computes at once (default: one per core)
 *     maxInputBytes: 200MB # larger inputs are dead letters (default: no limit)
 *     deadLetters: gs://bucket/dl/beat-tracking
 *     events:         # per-job streaming mode (docs/per-job-mode.md)
 *       inputTopic: projects/p/topics/beat-tracking-in
 *       inputSubscription: projects/p/subscriptions/beat-tracking
 *       outputTopic: projects/p/topics/beat-tracking
 *       requestTimeout: 10m  # report a bottom-up request still unanswered after this
 * </pre>
 *
 * <p>{@code ${name}} references in option values, dead-letter locations and event names are
 * resolved when they are read, so that a variable may come from {@code --var} alone. Variables are
 * literal: a variable's value cannot refer to another. Environment variables are never read
 * implicitly, so a run means the same on every machine; pass them with {@code --var name=$NAME} in
 * the shell.
 *
 * <p>Structure, durations and numbers are checked on load; job names only by {@link #validateJobs},
 * because the config is read before the jobs are found on the classpath.
 */
public final class KlioConfig {
  private final String source;
  private final Map<String, String> variables;
  private final Map<String, List<String>> pipeline;
  private final Optional<String> deadLetters;
  private final boolean unrecordedAreStale;
  private final Map<String, JobConfig> jobs;

  KlioConfig(
      String source,
      Map<String, String> variables,
      Map<String, List<String>> pipeline,
      Optional<String> deadLetters,
      boolean unrecordedAreStale,
      Map<String, JobConfig> jobs) {
    this.source = source;
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.pipeline = pipeline;
    this.deadLetters = deadLetters;
    this.unrecordedAreStale = unrecordedAreStale;
    this.jobs = jobs;
  }

  /** Reads and checks {@code file}; errors name it as given. */
  public static KlioConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config " + file + ": " + e.getMessage(), e);
    }
  }

  /** Checks {@code yaml}; {@code sourceName} is what errors call it (usually the file name). */
  public static KlioConfig parse(String yaml, String sourceName) {
    return ConfigReader.read(yaml, sourceName);
  }

  /** This config with {@code overrides} (from {@code --var}) replacing or adding variables. */
  public KlioConfig withVariables(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(variables);
    overrides.forEach(
        (name, value) -> {
          checkVariable("command line", "--var " + name, name, value);
          merged.put(name, value);
        });
    return new KlioConfig(source, merged, pipeline, deadLetters, unrecordedAreStale, jobs);
  }

  /**
   * {@code provenance.unrecorded: stale}: {@code --stale} recomputes outputs that have no
   * provenance record; by default ({@code current}) they count as current.
   */
  public boolean unrecordedAreStale() {
    return unrecordedAreStale;
  }

  /** What errors call this config: its file name as given, or {@code (no config)}. */
  public String source() {
    return source;
  }

  /** The template variables, file order, overrides last. */
  public Map<String, String> variables() {
    return variables;
  }

  /** The {@code pipeline} section as Beam arguments ({@code --key=value}), in file order. */
  public List<String> pipelineArgs() {
    List<String> args = new ArrayList<>();
    pipeline.forEach(
        (key, values) ->
            values.forEach(v -> args.add("--" + key + "=" + resolve("pipeline." + key, v))));
    return args;
  }

  /**
   * The key under {@code pipeline} that wrote {@code arg} (one of {@link #pipelineArgs()}), such as
   * {@code pipeline.runner} or {@code pipeline.experiments[1]}; empty for an argument from
   * elsewhere.
   */
  public Optional<String> pipelineKey(String arg) {
    for (Map.Entry<String, List<String>> option : pipeline.entrySet()) {
      List<String> values = option.getValue();
      for (int i = 0; i < values.size(); i++) {
        String key = "pipeline." + option.getKey();
        if (arg.equals("--" + option.getKey() + "=" + resolve(key, values.get(i)))) {
          return Optional.of(values.size() == 1 ? key : key + "[" + i + "]");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Fails, naming this config's {@code vars}, if the location templates of {@code templatesByJob}
   * use variables that are not defined, with the jobs that use each.
   */
  public void checkTemplateVariables(Map<String, List<String>> templatesByJob) {
    Map<String, Set<String>> jobsByVariable = new TreeMap<>();
    templatesByJob.forEach(
        (job, templates) ->
            Locations.undefinedVariables(templates, variables.keySet())
                .forEach(v -> jobsByVariable.computeIfAbsent(v, x -> new TreeSet<>()).add(job)));
    if (jobsByVariable.isEmpty()) {
      return;
    }
    List<String> uses = new ArrayList<>();
    jobsByVariable.forEach(
        (variable, jobs) ->
            uses.add("${" + variable + "} in the locations of " + String.join(", ", jobs)));
    throw new KlioConfigException(
        source,
        "vars",
        "undefined variable(s) "
            + String.join(", ", jobsByVariable.keySet())
            + " ("
            + String.join("; ", uses)
            + "): set them under 'vars:' in klio.yaml or pass"
            + " --var NAME=VALUE for each");
  }

  /**
   * The Beam arguments for a run: this config's options except those {@code commandLine} sets, then
   * {@code commandLine}. Beam rejects an option given twice, so the command line replaces rather
   * than repeats.
   */
  public List<String> pipelineArgs(List<String> commandLine) {
    Set<String> overridden = new HashSet<>();
    commandLine.forEach(arg -> overridden.add(optionName(arg)));
    List<String> args = new ArrayList<>();
    pipelineArgs().stream().filter(arg -> !overridden.contains(optionName(arg))).forEach(args::add);
    args.addAll(commandLine);
    return args;
  }

  /** The run's default dead-letter location (a directory or prefix). */
  public Optional<String> deadLetters() {
    return deadLetters.map(d -> resolve("deadLetters", d));
  }

  /** Per-job settings by job name, in file order. */
  public Map<String, JobConfig> jobs() {
    Map<String, JobConfig> resolved = new LinkedHashMap<>();
    jobs.forEach((name, job) -> resolved.put(name, job.resolved(name, this::resolve)));
    return Collections.unmodifiableMap(resolved);
  }

  /** Fails if the {@code jobs} section names a job that is not among {@code knownJobs}. */
  public void validateJobs(Set<String> knownJobs) {
    for (String name : jobs.keySet()) {
      if (!knownJobs.contains(name)) {
        throw new KlioConfigException(source, "jobs." + name, JobGraph.unknownJob(name, knownJobs));
      }
    }
  }

  /** Rejects names the location templates could not refer to, and values that refer onwards. */
  static void checkVariable(String source, String where, String name, String value) {
    if (!LocationTemplate.isVariableName(name)) {
      throw new KlioConfigException(
          source,
          where,
          "not a variable name: use letters, digits, '_', '.' and '-', "
              + "starting with a letter or '_'");
    }
    if (value.contains("${")) {
      throw new KlioConfigException(
          source, where, "a variable cannot refer to other variables, got '" + value + "'");
    }
  }

  /** {@code text} with each {@code ${name}} replaced; {@code {id}} and the rest stay as is. */
  private String resolve(String path, String text) {
    LocationTemplate template;
    try {
      template = LocationTemplate.parseVariablesOnly(text);
    } catch (MalformedTemplateException e) {
      throw new KlioConfigException(source, path, e.reason() + " in '" + text + "'");
    }
    return template.render(null, name -> valueOf(path, name), at -> {});
  }

  private String valueOf(String path, String name) {
    String value = variables.get(name);
    if (value == null) {
      throw new KlioConfigException(
          source,
          path,
          "undefined variable '${"
              + name
              + "}' (define it under vars or pass"
              + " --var "
              + name
              + "=VALUE)"
              + Suggestions.didYouMean(name, variables.keySet()));
    }
    return value;
  }

  private static String optionName(String arg) {
    String option = arg.startsWith("--") ? arg.substring(2) : arg;
    int equals = option.indexOf('=');
    return equals < 0 ? option : option.substring(0, equals);
  }
}
