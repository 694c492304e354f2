package io.klio.runtime.cli;

import com.google.api.core.ApiFuture;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.klio.runtime.config.JobConfig;
import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.RunRequest;
import io.klio.runtime.job.JobRegistry;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.runtime.pubsub.PubsubNames;
import io.klio.runtime.storage.Locations;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code publish}: sends Klio messages for element ids to a job's input topic, like the original's
 * {@code klio message publish}: top-down messages are for anyone (the job and then all its
 * descendants compute), bottom-up messages are limited to the job (it asks its parents for what is
 * missing, and only it computes).
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes Klio messages for element ids to a job's events.inputTopic (klio.yaml), for a"
          + " job running in per-job streaming mode.",
      "Connects to the Pub/Sub emulator when --pubsub-root-url, the config's"
          + " pipeline.pubsubRootUrl or PUBSUB_EMULATOR_HOST names one (http://HOST:PORT),"
          + " else to Google Cloud with default credentials."
    })
public final class PublishCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--job",
      paramLabel = "NAME",
      required = true,
      description = "The job to send to.")
  String job;

  @Mixin ElementIds elementIds = new ElementIds();

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(names = "--force", description = "Recompute even where outputs exist.")
  boolean force;

  @Option(names = "--ping", description = "Compute nothing; the message travels and is logged.")
  boolean ping;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "top-down",
      converter = ModeConverter.class,
      completionCandidates = ModeConverter.class,
      description =
          "top-down (default): for anyone, the job then its descendants; bottom-up: for the job"
              + " only, which requests missing inputs from its parents.")
  RunRequest.Mode mode;

  @Option(
      names = "--project",
      paramLabel = "PROJECT",
      description = "The GCP project in job identities (default: the config's pipeline.project).")
  String project;

  @Option(
      names = "--pubsub-root-url",
      paramLabel = "URL",
      description = "The Pub/Sub emulator, http://HOST:PORT.")
  String pubsubRootUrl;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    PrintWriter out = command.commandLine().getOut();
    try {
      boolean bottomUp = mode == RunRequest.Mode.BOTTOM_UP;
      JobGraph graph =
          new JobGraph(JobRegistry.load(Thread.currentThread().getContextClassLoader()).specs());
      if (!graph.contains(job)) {
        throw new RunCommand.UsageException(JobGraph.unknownJob(job, graph.names()));
      }
      List<String> allIds = elementIds.all();
      if (!configOptions.given()) {
        throw new RunCommand.UsageException(
            "job '"
                + job
                + "' has no input topic: pass --config klio.yaml with jobs."
                + job
                + ".events.inputTopic");
      }
      KlioConfig config = configOptions.load();
      config.validateJobs(graph.names());
      String topic =
          Optional.ofNullable(config.jobs().get(job))
              .map(JobConfig::events)
              .flatMap(JobConfig.Events::inputTopic)
              .map(t -> PubsubNames.topic("jobs." + job + ".events.inputTopic", t))
              .orElseThrow(
                  () ->
                      new RunCommand.UsageException(
                          "job '"
                              + job
                              + "' has no input topic: set jobs."
                              + job
                              + ".events.inputTopic in "
                              + configOptions.file));
      List<String> pipelineArgs = config.pipelineArgs(List.of());
      String gcpProject =
          project != null ? project : PubsubEndpoint.option(pipelineArgs, "project").orElse("");
      JobRef target = new JobRef(job, gcpProject);

      List<byte[]> messages = new ArrayList<>();
      for (String id : allIds) {
        Locations.checkElementId(id);
        KlioMessage message =
            bottomUp
                ? KlioMessages.bottomUp(id, List.of(target), null, force, ping)
                : KlioMessages.topDown(id, force, ping);
        messages.add(KlioMessages.toBytes(message));
      }
      try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(pubsubRootUrl, pipelineArgs)) {
        publish(endpoint, topic, messages);
        out.printf(
            "klio: published %d %s message(s)%s%s for %s to %s (%s)%n",
            messages.size(),
            mode.flag(),
            force ? " (force)" : "",
            ping ? " (ping)" : "",
            bottomUp ? target.identity() : job,
            topic,
            endpoint);
        out.flush();
      }
      return ExitCodes.OK;
    } catch (PublishException e) {
      err.println("klio publish: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  static void publish(PubsubEndpoint endpoint, String topic, List<byte[]> messages)
      throws IOException {
    Publisher publisher = endpoint.publisher(topic);
    try {
      List<ApiFuture<String>> sent = new ArrayList<>();
      for (byte[] bytes : messages) {
        sent.add(
            publisher.publish(
                PubsubMessage.newBuilder().setData(ByteString.copyFrom(bytes)).build()));
      }
      for (ApiFuture<String> future : sent) {
        future.get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new PublishException(
          "cannot publish to " + topic + " (" + endpoint + "): " + cause.getMessage());
    } catch (TimeoutException e) {
      throw new PublishException("publishing to " + topic + " (" + endpoint + ") timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing to " + topic);
    } finally {
      publisher.shutdown();
      try {
        publisher.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Pub/Sub refused or did not answer. */
  static final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PublishException(String message) {
      super(message);
    }
  }
}
