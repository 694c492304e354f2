package io.klio.runtime.cli;

import io.klio.runtime.dag.DagFormat;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.JobRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dag}: prints the DAG of the jobs on the classpath. */
@Command(name = "dag", mixinStandardHelpOptions = true, description = "Prints the job DAG.")
public final class DagCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, json, dot or mermaid (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    DagFormat dagFormat;
    try {
      dagFormat = DagFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      command
          .commandLine()
          .getErr()
          .println("klio dag: unknown format '" + format + "': use text, json, dot or mermaid");
      return ExitCodes.USAGE;
    }
    JobGraph graph;
    try {
      graph =
          new JobGraph(JobRegistry.load(Thread.currentThread().getContextClassLoader()).specs());
    } catch (IllegalStateException e) { // jars on the classpath that do not fit together
      command.commandLine().getErr().println("klio dag: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    command.commandLine().getOut().print(dagFormat.render(graph));
    command.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
