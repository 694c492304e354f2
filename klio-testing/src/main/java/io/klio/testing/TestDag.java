package io.klio.testing;

import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobDefinition;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.job.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The jobs on the test's classpath (their manifests, as the command line finds them) over a data
 * folder: put their inputs, run them in-process on the DirectRunner exactly as {@code klio run}
 * does, and read what they stored.
 *
 * <pre>{@code
 * dag.input("count-words").put("a", "one two three");
 * RunResult run = dag.job("shout").id("a").run();
 * run.assertJob("shout").computed(1);
 * assertEquals("ONE TWO THREE", dag.output("shout").get("a", String.class));
 * }</pre>
 *
 * <p>The variable {@code data} is the data folder unless {@link #var} sets it. One instance belongs
 * to one test (or test class); instances share nothing, so tests may run in parallel.
 */
public final class TestDag {
  private final Path root;
  private final Path data;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private Path config;
  private JobRegistry registry;
  private int runs;

  private TestDag(Path root) {
    this.root = root;
    this.data = root.resolve("data");
    variables.put("data", data.toString());
  }

  /**
   * Jobs over {@code folder}, which the caller owns (a JUnit {@code @TempDir}, say): the data
   * folder is {@code folder/data}, and each run keeps its files under {@code folder/runs}. {@link
   * KlioTest} makes and deletes such folders itself.
   */
  public static TestDag in(Path folder) {
    try {
      Files.createDirectories(folder.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder.resolve("data"), e);
    }
    return new TestDag(folder);
  }

  /** The data folder: the variable {@code data} unless {@link #var} sets it. */
  public Path data() {
    return data;
  }

  /** Sets a template variable for runs, inputs and outputs; wins over klio.yaml's, like --var. */
  public TestDag var(String name, String value) {
    variables.put(name, value);
    return this;
  }

  /** Runs with this klio.yaml (its text); {@code ${data}} in it is the data folder. */
  public TestDag config(String yaml) {
    Path file = root.resolve("klio.yaml");
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return config(file);
  }

  /** Runs with the klio.yaml at {@code file}. */
  public TestDag config(Path file) {
    KlioConfig.load(file); // a bad config fails here, where the test sets it
    this.config = file;
    return this;
  }

  /** The variables runs get: klio.yaml's, then those {@link #var} set. */
  public Map<String, String> variables() {
    if (config == null) {
      return Map.copyOf(variables);
    }
    return KlioConfig.load(config).withVariables(variables).variables();
  }

  /** The external input of a root job, which must have exactly one. */
  public JobData input(String job) {
    List<InputSpec> external =
        spec(job).inputs().stream().filter(input -> input.fromJob().isEmpty()).toList();
    if (external.size() != 1) {
      throw new IllegalArgumentException(
          "job '"
              + job
              + "' has "
              + external.size()
              + " external inputs"
              + parameters(external)
              + ": name one with input(\""
              + job
              + "\", parameter)");
    }
    return input(job, external.get(0));
  }

  /** The external input of {@code job} read by the method parameter {@code parameter}. */
  public JobData input(String job, String parameter) {
    List<InputSpec> external =
        spec(job).inputs().stream().filter(input -> input.fromJob().isEmpty()).toList();
    return external.stream()
        .filter(input -> input.parameter().equals(parameter))
        .findFirst()
        .map(input -> input(job, input))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "job '"
                        + job
                        + "' has no external input '"
                        + parameter
                        + "'"
                        + (external.isEmpty()
                            ? ": it reads only its parents' outputs"
                            : "; its external inputs:" + parameters(external))));
  }

  private JobData input(String job, InputSpec input) {
    return new JobData(
        "input '" + input.parameter() + "' of job '" + job + "'",
        input.location(),
        input.type(),
        input.codec(),
        this::variables);
  }

  /**
   * The output of {@code job}: to read what a run stored, or to put it before a run, so that a
   * child can be tested without computing its parent (the run then skips the parent).
   */
  public JobData output(String job) {
    JobSpec spec = spec(job);
    return new JobData(
        "output of job '" + job + "'",
        spec.output().location(),
        spec.output().type(),
        spec.output().codec(),
        this::variables);
  }

  /** A run of {@code job}, bottom-up: its ancestors whose outputs are missing, then the job. */
  public RunBuilder job(String job) {
    spec(job);
    return new RunBuilder(this, List.of(job), false);
  }

  /** A run of several jobs, each with what it needs (bottom-up) or below it (top-down). */
  public RunBuilder jobs(String... jobs) {
    for (String job : jobs) {
      spec(job);
    }
    return new RunBuilder(this, List.of(jobs), false);
  }

  /** A run of every job of the DAG, top-down. */
  public RunBuilder wholeDag() {
    return new RunBuilder(this, List.of(), true);
  }

  /** The job's spec as compiled: its inputs, output, type and codec. */
  public JobSpec spec(String job) {
    return registry()
        .job(job)
        .map(JobDefinition::spec)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no job '"
                        + job
                        + "' on the classpath; jobs: "
                        + registry().specs().stream()
                            .map(JobSpec::name)
                            .collect(Collectors.joining(", "))));
  }

  Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  Map<String, String> givenVariables() {
    return variables;
  }

  /** A new folder for the files of one run. */
  synchronized Path newRunFolder() throws IOException {
    return Files.createDirectories(root.resolve("runs").resolve(Integer.toString(++runs)));
  }

  private synchronized JobRegistry registry() {
    if (registry == null) {
      registry = JobRegistry.load(Thread.currentThread().getContextClassLoader());
    }
    return registry;
  }

  private static String parameters(List<InputSpec> inputs) {
    return inputs.stream().map(i -> " '" + i.parameter() + "'").collect(Collectors.joining(","));
  }
}
