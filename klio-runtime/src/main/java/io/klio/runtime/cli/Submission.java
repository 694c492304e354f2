package io.klio.runtime.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Whether {@code run} waits for its pipeline or returns once the runner has it. It returns at once
 * with {@code --detach}, and whenever Beam's {@code --templateLocation} is given: the
 * DataflowRunner then only writes the translated job there (a Flex Template launcher runs a
 * template's main class that way and submits the job itself), and the result it hands back cannot
 * be waited on or asked for counters.
 */
final class Submission {
  private static final String TEMPLATE_LOCATION = "--templateLocation=";

  private final boolean detach;
  private final Optional<String> templateLocation;
  private final String runner;

  private Submission(boolean detach, Optional<String> templateLocation, String runner) {
    this.detach = detach;
    this.templateLocation = templateLocation;
    this.runner = runner;
  }

  /**
   * @param pipelineArgs the Beam arguments of the run (config file's and command line's)
   * @throws RunCommand.UsageException for {@code --detach} on the DirectRunner, which runs the
   *     pipeline inside this JVM: it would end with the command
   */
  static Submission of(boolean detach, List<String> pipelineArgs, PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    if (detach && runner.equals("DirectRunner")) {
      throw new RunCommand.UsageException(
          "--detach returns while the pipeline runs elsewhere, but the DirectRunner runs it in"
              + " this process; give --runner=DataflowRunner (or a remote Flink or Spark cluster)");
    }
    Optional<String> template = Optional.empty();
    for (String arg : pipelineArgs) {
      if (arg.startsWith(TEMPLATE_LOCATION)) {
        template = Optional.of(arg.substring(TEMPLATE_LOCATION.length()));
      }
    }
    return new Submission(detach, template, runner);
  }

  /** True when the command waits for the pipeline to end and prints its counters. */
  boolean waits() {
    return !detach && templateLocation.isEmpty();
  }

  /** Says what happened to a pipeline the command does not wait for. */
  int report(PrintWriter out) {
    if (templateLocation.isPresent()) {
      out.printf(
          "klio: %s wrote the job to %s (--templateLocation); it runs when it is launched%n",
          runner, templateLocation.get());
    } else {
      out.printf(
          "klio: submitted to %s; not waiting for it (--detach): it keeps running after this"
              + " command ends, so stop it with the runner's own tools%n",
          runner);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
