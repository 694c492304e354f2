package io.klio.runtime.cli;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.flex.FlexTemplate;
import io.klio.runtime.flex.GcloudCommands;
import io.klio.runtime.job.JobDefinition;
import io.klio.runtime.job.JobRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flex-template}: what Dataflow Flex Templates of the jobs on the classpath need, one per
 * job (streaming, per-job mode) and one for a whole-DAG backfill (batch): each template's metadata
 * file, and a script of the {@code gcloud dataflow flex-template build} commands that build them on
 * Google's Java 17 launcher image from the app's jar.
 */
@Command(
    name = "flex-template",
    mixinStandardHelpOptions = true,
    description = {
      "Writes Dataflow Flex Template metadata for each job (per-job streaming mode, as"
          + " 'run --job NAME --config CONFIG') and for a whole-DAG backfill (batch, as"
          + " 'run --dag --ids IDS'), and build.sh with the gcloud commands that build them."
          + " See docs/dataflow.md."
    })
public final class FlexTemplateCommand implements Callable<Integer> {
  /** An Artifact Registry (or Container Registry) repository path: host, then path segments. */
  private static final Pattern IMAGE_REPOSITORY =
      Pattern.compile("[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+/?");

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--jar",
      required = true,
      paramLabel = "FILE",
      description = "The app's runnable jar: the jobs, the Klio runtime and the Dataflow runner.")
  Path jar;

  @Option(
      names = "--template-location",
      required = true,
      paramLabel = "gs://BUCKET/PATH",
      description = "Where gcloud stores the template files (<name>.json).")
  String templateLocation;

  @Option(
      names = "--image-repository",
      required = true,
      paramLabel = "REGION-docker.pkg.dev/PROJECT/REPOSITORY",
      description = "The Artifact Registry repository for the launcher images.")
  String imageRepository;

  @Option(
      names = "--job",
      paramLabel = "NAME",
      description = "Only these jobs' templates (repeatable; default: every job).")
  List<String> jobs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "flex-templates",
      description = "Where to write the metadata files and build.sh (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    try {
      checkOptions();
      JobRegistry registry;
      JobGraph graph;
      try {
        registry = JobRegistry.load(Thread.currentThread().getContextClassLoader());
        graph = new JobGraph(registry.specs());
      } catch (IllegalStateException e) { // jars on the classpath that do not fit together
        throw new RunCommand.UsageException(e.getMessage());
      }
      List<FlexTemplate> templates = new ArrayList<>();
      for (String job : selectedJobs(graph)) {
        templates.add(FlexTemplate.perJob(graph, job, mainClass(registry, job)));
      }
      templates.add(FlexTemplate.dagBackfill(graph));
      write(templates, err);
      return ExitCodes.OK;
    } catch (RunCommand.UsageException e) {
      err.println("klio flex-template: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  private void checkOptions() {
    if (!Files.isRegularFile(jar)) {
      throw new RunCommand.UsageException(
          "--jar " + jar + ": no such file; build the app's runnable jar first (mvn package)");
    }
    if (!templateLocation.startsWith("gs://") || templateLocation.length() <= "gs://".length()) {
      throw new RunCommand.UsageException(
          "--template-location "
              + templateLocation
              + ": give a Cloud Storage location,"
              + " gs://BUCKET/PATH");
    }
    if (!IMAGE_REPOSITORY.matcher(imageRepository).matches()) {
      throw new RunCommand.UsageException(
          "--image-repository "
              + imageRepository
              + ": give a repository path such as"
              + " europe-west1-docker.pkg.dev/my-project/my-repo (lower case, no scheme, no tag)");
    }
  }

  private List<String> selectedJobs(JobGraph graph) {
    if (graph.names().isEmpty()) {
      throw new RunCommand.UsageException("no jobs are on the classpath");
    }
    for (String job : jobs) {
      if (!graph.contains(job)) {
        throw new RunCommand.UsageException(JobGraph.unknownJob(job, graph.names()));
      }
    }
    return jobs.isEmpty() ? graph.topologicalOrder() : graph.ordered(new TreeSet<>(jobs));
  }

  /** The job's generated class, whose {@code main} runs it alone. */
  private static String mainClass(JobRegistry registry, String job) {
    JobDefinition definition = registry.job(job).orElseThrow();
    Class<?> generated = definition.getClass().getEnclosingClass();
    if (generated == null || !hasMain(generated)) {
      throw new RunCommand.UsageException(
          "job '"
              + job
              + "' ("
              + definition.getClass().getName()
              + ") has no generated class"
              + " with a main method to start it; compile it with the Klio processor");
    }
    return generated.getName();
  }

  private static boolean hasMain(Class<?> type) {
    try {
      Method main = type.getMethod("main", String[].class);
      return Modifier.isStatic(main.getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private void write(List<FlexTemplate> templates, PrintWriter err) throws IOException {
    GcloudCommands gcloud = new GcloudCommands(jar.toString(), templateLocation, imageRepository);
    Files.createDirectories(out);
    StringBuilder commands = new StringBuilder();
    for (FlexTemplate template : templates) {
      Path metadata = out.resolve(template.name() + "-metadata.json");
      Files.writeString(metadata, template.metadataJson(), StandardCharsets.UTF_8);
      commands
          .append("\n# ")
          .append(template.name())
          .append(": ")
          .append(template.streaming() ? "streaming" : "batch")
          .append(", launch with:\n# ")
          .append(gcloud.runExample(template).replace("\n", "\n# "))
          .append("\n")
          .append(gcloud.build(template, metadata.toString()))
          .append("\n");
      for (String variable : template.variablesWithoutParameter()) {
        err.printf(
            "klio flex-template: warning: %s: ${%s} has no template parameter (parameter names"
                + " take letters, digits and '_'); define it under vars: in the config%n",
            template.name(), variable);
      }
    }
    Path buildScript = out.resolve("build.sh");
    String script =
        "#!/bin/sh\n"
            + "# Builds the Flex Templates of the Klio jobs (klio flex-template); needs gcloud,\n"
            + "# a Cloud Storage bucket and an Artifact Registry repository.\n"
            + "set -e\n"
            + commands;
    Files.writeString(buildScript, script, StandardCharsets.UTF_8);
    buildScript.toFile().setExecutable(true);

    PrintWriter stdout = command.commandLine().getOut();
    stdout.printf(
        "klio: wrote the metadata of %d Flex Templates to %s; build them with: sh %s%n",
        templates.size(), out, buildScript);
    stdout.print(commands);
    stdout.flush();
    err.flush();
  }
}
