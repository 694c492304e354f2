package io.klio.runtime.cli;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.Subscription;
import io.klio.runtime.config.JobConfig;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.JobTopics;
import io.klio.runtime.execution.RequestRoute;
import io.klio.runtime.execution.RequestRoutePlanner;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.runtime.pubsub.PubsubNames;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code verify}: checks a project before it runs: the config, the DAG on the classpath, that every
 * location template's variables are defined, the per-job event settings (including how each job's
 * bottom-up requests travel) and, with {@code --check-cloud} or when a Pub/Sub endpoint is
 * configured, that the topics and subscriptions exist; {@code --create-resources} creates those
 * that do not, like the original's {@code klio job verify --create-resources}. One line per check
 * ({@code ok}, {@code warn}, {@code FAIL}); exit status 2 if the config or the command line is
 * wrong (what {@code run} refuses with 2: the config itself, its job names, Beam options, undefined
 * template variables, event names), else 1 if any other check failed.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the config, the DAG, the location templates' variables, that external input"
          + " directories exist, and the per-job event settings; with --check-cloud (or when"
          + " --pubsub-root-url, pipeline.pubsubRootUrl or PUBSUB_EMULATOR_HOST names an"
          + " endpoint) also that the configured Pub/Sub topics and subscriptions exist, and with"
          + " --check-cloud that object-store directories are reachable. Unknown --flags are Beam"
          + " options, checked like run's.",
      "With --create-resources, creates the Pub/Sub topics and subscriptions that klio.yaml"
          + " names and that do not exist yet (each job's inputSubscription on its inputTopic).",
      "Prints one line per check; exits 2 if klio.yaml or the command line is wrong (as run"
          + " would refuse it), else 1 if any other check failed."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--check-cloud",
      description =
          "Also check that Pub/Sub topics and subscriptions exist and that object-store"
              + " (gs://...) directories are reachable.")
  boolean checkCloud;

  @Option(
      names = "--create-resources",
      description =
          "Create the Pub/Sub topics and subscriptions named in klio.yaml that do not exist yet"
              + " (each job's inputSubscription on its inputTopic); implies the Pub/Sub checks.")
  boolean createResources;

  @Option(
      names = "--pubsub-root-url",
      paramLabel = "URL",
      description = "The Pub/Sub emulator, http://HOST:PORT.")
  String pubsubRootUrl;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  private PrintWriter out;
  private int failures;

  /** Failures that say the config or the command line is wrong. */
  private int configFailures;

  private int created;

  @Override
  public Integer call() {
    out = command.commandLine().getOut();
    KlioConfig config = config();
    JobGraph graph = dag();
    if (config != null) {
      List<String> pipelineArgs = pipelineOptions(config);
      if (graph != null) {
        configCheck(
            "config jobs",
            () -> {
              config.validateJobs(graph.names());
              return config.jobs().size() + " job section(s), all name jobs on the classpath";
            },
            s -> s);
        templates(graph, config);
        locations(graph, config, pipelineArgs);
        Map<String, JobConfig.Events> events = events(graph, config);
        if (events != null
            && (checkCloud
                || createResources
                || PubsubEndpoint.configured(pubsubRootUrl, pipelineArgs))) {
          cloud(events, pipelineArgs);
        } else if (events == null && createResources) {
          fail("create resources", "nothing created: fix the event names above first");
        }
      }
    }
    if (createResources) {
      out.println("verify: created " + created + " Pub/Sub resource(s)");
    }
    out.println(
        failures == 0 ? "verify: all checks passed" : "verify: " + failures + " check(s) failed");
    out.flush();
    if (failures == 0) {
      return ExitCodes.OK;
    }
    return configFailures > 0 ? ExitCodes.USAGE : ExitCodes.FAILED;
  }

  private KlioConfig config() {
    if (!configOptions.given()) {
      ok("config", "none given (--config FILE); only the DAG and --var are checked");
      return configOptions.load();
    }
    return configCheck(
        "config",
        () -> {
          KlioConfig config = configOptions.load();
          config.deadLetters();
          config.jobs(); // resolves every ${var} of the job sections
          return config;
        },
        c -> configOptions.file + " loaded");
  }

  private JobGraph dag() {
    return check(
        "dag",
        () -> {
          JobGraph graph =
              new JobGraph(
                  JobRegistry.load(Thread.currentThread().getContextClassLoader()).specs());
          if (graph.names().isEmpty()) {
            throw new IllegalStateException("no jobs on the classpath");
          }
          return graph;
        },
        g -> g.names().size() + " job(s): " + String.join(", ", g.topologicalOrder()));
  }

  private List<String> pipelineOptions(KlioConfig config) {
    List<String> args =
        configCheck(
            "pipeline options",
            () -> {
              List<String> merged = config.pipelineArgs(beamArgs);
              BeamOptions.parse(config, merged, command);
              return merged;
            },
            a -> a.isEmpty() ? "none" : String.join(" ", a));
    return args == null ? List.of() : args;
  }

  /** A line for each job whose templates' variables are all defined; one for all that are not. */
  private void templates(JobGraph graph, KlioConfig config) {
    Set<String> defined = config.variables().keySet();
    Map<String, List<String>> templatesByJob = new TreeMap<>();
    for (String name : graph.topologicalOrder()) {
      List<String> templates = graph.job(name).locations();
      templatesByJob.put(name, templates);
      if (Locations.undefinedVariables(templates, defined).isEmpty()) {
        ok("templates of " + name, templates.size() + " location(s), every variable defined");
      }
    }
    configCheck(
        "templates",
        () -> {
          config.checkTemplateVariables(templatesByJob);
          return "";
        },
        none -> "every variable defined");
  }

  /**
   * Every directory external inputs are read from must exist; with {@code --check-cloud}, every
   * object-store directory (inputs and outputs) must be listable: its bucket exists and the
   * credentials reach it. Local output directories are created on first write.
   */
  private void locations(JobGraph graph, KlioConfig config, List<String> pipelineArgs) {
    Map<String, String> variables = config.variables();
    Set<String> inputs = new TreeSet<>();
    Set<String> outputs = new TreeSet<>();
    for (String name : graph.topologicalOrder()) {
      JobSpec job = graph.job(name);
      try {
        outputs.add(Locations.directory(job.output().location(), variables));
        for (InputSpec input : job.inputs()) {
          if (input.fromJob().isEmpty()) {
            inputs.add(Locations.directory(input.location(), variables));
          }
        }
      } catch (IllegalArgumentException e) {
        return; // an undefined variable, already reported by the template check
      }
    }
    try {
      FileSystems.setDefaultPipelineOptions(
          PipelineOptionsFactory.fromArgs(pipelineArgs.toArray(String[]::new)).create());
    } catch (IllegalArgumentException e) {
      return; // bad pipeline options, already reported
    }
    for (String directory : inputs) {
      if (checkCloud || Storage.isLocal(directory)) {
        check(
            "input directory " + directory,
            () -> {
              Storage.checkDirectory(directory);
              return "readable";
            });
      }
    }
    outputs.removeAll(inputs);
    for (String directory : outputs) {
      if (checkCloud && !Storage.isLocal(directory)) {
        check(
            "output directory " + directory,
            () -> {
              Storage.checkDirectory(directory);
              return "reachable";
            });
      }
    }
  }

  /** Checks event names and wiring; returns the events by job, or null if a name is bad. */
  private Map<String, JobConfig.Events> events(JobGraph graph, KlioConfig config) {
    Map<String, JobConfig.Events> events = new TreeMap<>();
    boolean good = true;
    Map<String, JobConfig> jobs;
    try {
      jobs = config.jobs();
    } catch (RuntimeException e) {
      fail("events", e.getMessage());
      configFailures++;
      return null;
    }
    for (Map.Entry<String, JobConfig> entry : jobs.entrySet()) {
      String name = entry.getKey();
      JobConfig.Events e = entry.getValue().events();
      if (!e.any() || !graph.contains(name)) {
        continue;
      }
      String path = "jobs." + name + ".events.";
      Boolean named =
          configCheck(
              "events of " + name,
              () -> {
                e.inputTopic().ifPresent(t -> PubsubNames.topic(path + "inputTopic", t));
                e.inputSubscription()
                    .ifPresent(s -> PubsubNames.subscription(path + "inputSubscription", s));
                e.outputTopic().ifPresent(t -> PubsubNames.topic(path + "outputTopic", t));
                return true;
              },
              b -> describe(e));
      if (named == null) {
        good = false;
        continue;
      }
      events.put(name, e);
      if (e.inputSubscription().isPresent() && e.inputTopic().isEmpty()) {
        warn(
            "events of " + name,
            "no inputTopic: 'publish' and bottom-up requests from its"
                + " descendants cannot reach it");
      }
    }
    requestRoutes(graph, jobs);
    topicWiring(graph, events);
    return good ? events : null;
  }

  /**
   * That a job's output topic is read only by its children: any other job that reads it would
   * compute for the wrong parent, and one upstream of it would send messages round in circles
   * (until the cycle guard dead-letters them on their third visit).
   */
  private void topicWiring(JobGraph graph, Map<String, JobConfig.Events> events) {
    events.forEach(
        (writer, out) ->
            out.outputTopic()
                .ifPresent(
                    topic ->
                        events.forEach(
                            (reader, in) -> {
                              if (in.inputTopic().equals(Optional.of(topic))
                                  && !graph.children(writer).contains(reader)) {
                                boolean loop =
                                    reader.equals(writer)
                                        || graph.ancestors(writer).contains(reader);
                                fail(
                                    "wiring of " + writer,
                                    "its outputTopic "
                                        + topic
                                        + " is the inputTopic of '"
                                        + reader
                                        + "', which is not a child of '"
                                        + writer
                                        + "'"
                                        + (loop
                                            ? " but upstream of it: messages would go round in circles"
                                            : "")
                                        + "; give jobs."
                                        + writer
                                        + ".events.outputTopic the input topic of its children");
                              }
                            })));
  }

  /**
   * How each subscribed job's bottom-up requests reach the jobs it reads from, or why they cannot.
   */
  private void requestRoutes(JobGraph graph, Map<String, JobConfig> jobs) {
    Map<String, JobTopics> topics = new TreeMap<>();
    jobs.forEach((name, c) -> topics.put(name, c.events().topics()));
    RequestRoutePlanner planner = new RequestRoutePlanner(graph, topics);
    jobs.forEach(
        (name, c) -> {
          if (!graph.contains(name) || c.events().inputSubscription().isEmpty()) {
            return;
          }
          for (RequestRoute route :
              planner.plan(name, c.events().requestTimeoutOrDefault()).all()) {
            String what = "requests of " + name + " to " + route.ancestor();
            if (route.exists()) {
              ok(what, "sent to " + route.topic() + ", answered along " + route.describePath());
            } else {
              warn(
                  what,
                  "no route, so messages that miss its output become dead letters: "
                      + route.problem());
            }
          }
        });
  }

  private void cloud(Map<String, JobConfig.Events> events, List<String> pipelineArgs) {
    PubsubEndpoint endpoint =
        check(
            "pubsub endpoint",
            () -> PubsubEndpoint.resolve(pubsubRootUrl, pipelineArgs),
            Object::toString);
    if (endpoint == null) {
      return;
    }
    try (endpoint;
        TopicAdminClient topics = endpoint.topicAdmin();
        SubscriptionAdminClient subscriptions = endpoint.subscriptionAdmin()) {
      Set<String> topicNames = new TreeSet<>();
      events
          .values()
          .forEach(
              e -> {
                e.inputTopic().ifPresent(topicNames::add);
                e.outputTopic().ifPresent(topicNames::add);
              });
      for (String topic : topicNames) {
        check("topic " + topic, () -> topic(topics, topic));
      }
      events.forEach(
          (job, e) ->
              e.inputSubscription()
                  .ifPresent(
                      name ->
                          check(
                              "subscription " + name,
                              () -> subscription(subscriptions, job, name, e.inputTopic()))));
    } catch (java.io.IOException | RuntimeException e) {
      fail("pubsub", "cannot connect to " + endpoint + ": " + e.getMessage());
    }
  }

  /** That {@code name} exists, or, with --create-resources, that it has been created. */
  private String topic(TopicAdminClient topics, String name) {
    try {
      topics.getTopic(name);
      return "exists";
    } catch (NotFoundException e) {
      if (!createResources) {
        throw e;
      }
    }
    try {
      topics.createTopic(name);
    } catch (AlreadyExistsException raced) {
      return "exists";
    }
    created++;
    return "created";
  }

  /**
   * That subscription {@code name} of {@code job} exists and reads the job's input topic, or, with
   * --create-resources, that it has been created on that topic.
   */
  private String subscription(
      SubscriptionAdminClient subscriptions, String job, String name, Optional<String> inputTopic) {
    Subscription existing;
    try {
      existing = subscriptions.getSubscription(name);
    } catch (NotFoundException e) {
      if (!createResources) {
        throw e;
      }
      if (inputTopic.isEmpty()) {
        throw new IllegalStateException(
            "does not exist, and cannot be created: jobs."
                + job
                + ".events.inputTopic does not say which topic it reads");
      }
      try {
        // Pub/Sub's defaults (pull, 10 s ack deadline, which Beam extends while it works)
        subscriptions.createSubscription(
            Subscription.newBuilder().setName(name).setTopic(inputTopic.get()).build());
        created++;
        return "created, reads " + inputTopic.get();
      } catch (AlreadyExistsException raced) {
        existing = subscriptions.getSubscription(name);
      }
    }
    if (inputTopic.isPresent() && !existing.getTopic().equals(inputTopic.get())) {
      throw new IllegalStateException(
          "reads "
              + existing.getTopic()
              + ", but jobs."
              + job
              + ".events.inputTopic is "
              + inputTopic.get());
    }
    return "exists, reads " + existing.getTopic();
  }

  private static String describe(JobConfig.Events e) {
    List<String> parts = new ArrayList<>();
    e.inputTopic().ifPresent(t -> parts.add("in " + t));
    e.inputSubscription().ifPresent(s -> parts.add("reads " + s));
    e.outputTopic().ifPresent(t -> parts.add("out " + t));
    return String.join(", ", parts);
  }

  private interface Check<T> {
    T run() throws Exception;
  }

  private <T> T check(String what, Check<T> check, java.util.function.Function<T, String> detail) {
    try {
      T value = check.run();
      ok(what, detail.apply(value));
      return value;
    } catch (NotFoundException e) {
      fail(what, "does not exist");
    } catch (ApiException e) {
      fail(what, e.getStatusCode().getCode() + ": " + e.getMessage());
    } catch (Exception e) {
      fail(what, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return null;
  }

  private void check(String what, Check<String> check) {
    check(what, check, s -> s);
  }

  /** A check whose failure means the config or the command line is wrong (exit status 2). */
  private <T> T configCheck(
      String what, Check<T> check, java.util.function.Function<T, String> detail) {
    int before = failures;
    T value = check(what, check, detail);
    if (failures > before) {
      configFailures++;
    }
    return value;
  }

  private void ok(String what, String detail) {
    out.println("ok   " + what + (detail.isEmpty() ? "" : ": " + detail));
  }

  private void warn(String what, String detail) {
    out.println("warn " + what + ": " + detail);
  }

  private void fail(String what, String detail) {
    failures++;
    out.println("FAIL " + what + ": " + detail);
  }
}
