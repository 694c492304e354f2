package io.klio.runtime;

import io.klio.runtime.cli.DagCommand;
import io.klio.runtime.cli.DeadLettersCommand;
import io.klio.runtime.cli.ExitCodes;
import io.klio.runtime.cli.FlexTemplateCommand;
import io.klio.runtime.cli.LineageCommand;
import io.klio.runtime.cli.PlanCommand;
import io.klio.runtime.cli.PublishCommand;
import io.klio.runtime.cli.RunCommand;
import io.klio.runtime.cli.RunListener;
import io.klio.runtime.cli.UnknownOptions;
import io.klio.runtime.cli.VerifyCommand;
import io.klio.runtime.flex.TemplateParameters;
import io.klio.runtime.provenance.ProvenanceRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code klio} command line: {@code java -jar app.jar <command>} or {@code java -cp <classpath>
 * io.klio.runtime.Klio <command>}. Jobs are found on the classpath.
 */
@Command(
    name = "klio",
    mixinStandardHelpOptions = true,
    version = "Klio for Java " + ProvenanceRecord.KLIO_VERSION,
    description = "Runs and inspects Klio job DAGs.",
    subcommands = {
      RunCommand.class,
      PlanCommand.class,
      LineageCommand.class,
      PublishCommand.class,
      DeadLettersCommand.class,
      DagCommand.class,
      VerifyCommand.class,
      FlexTemplateCommand.class
    })
public final class Klio {
  private Klio() {}

  public static void main(String... args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status instead of exiting; for tests and tools. */
  public static int execute(String... args) {
    return execute(commandLine(), args);
  }

  /**
   * Runs the command line with its own output and error writers (so that several commands can run
   * at once in one JVM, as the per-job streaming tests do) and returns its exit status.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(commandLine().setOut(out).setErr(err), args);
  }

  /**
   * Runs the command line with its own writers, telling {@code listener} what each whole-DAG {@code
   * run} did beyond what it prints: how a test kit runs jobs exactly as the command does.
   */
  public static int execute(
      RunListener listener, PrintWriter out, PrintWriter err, String... args) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == RunCommand.class
                ? type.cast(new RunCommand(listener))
                : defaults.create(type);
          }
        };
    return execute(commandLine(factory).setOut(out).setErr(err), args);
  }

  /**
   * Runners fail with linkage errors when the JVM lacks what they need (Spark on Java 17 without
   * its {@code --add-opens} flags); say so in one line rather than with a trace.
   */
  private static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } catch (LinkageError e) {
      commandLine.getErr().println("klio: the runner could not start: " + e);
      if (e instanceof IllegalAccessError) {
        commandLine
            .getErr()
            .println(
                "klio: the JVM denies a runner access to JDK internals; Spark on Java 17 needs its"
                    + " --add-opens flags (see the README, Other runners)");
      }
      commandLine.getErr().flush();
      return ExitCodes.FAILED;
    }
  }

  /**
   * Arguments are taken as they are: picocli would read an argument that starts with '@' as a file
   * of further arguments, so that {@code --id "$ID"} with an id such as {@code @/some/file} would
   * add that file's words as options.
   */
  private static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  private static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(new Klio(), factory)
        .setExpandAtFiles(false)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(UnknownOptions::handle)
        .setExecutionExceptionHandler(Klio::failed);
  }

  /**
   * A command that threw: a usage error in one line that names the command (exit 2), anything else
   * with its root message and, on request, its stack trace (exit 1).
   */
  private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    int status = ExitCodes.of(e);
    if (status == ExitCodes.USAGE) {
      err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    } else {
      err.println("klio: " + rootMessage(e));
      if (Boolean.getBoolean("klio.trace")) {
        e.printStackTrace(err);
      } else {
        err.println("klio: (run java with -Dklio.trace=true for the stack trace)");
      }
    }
    err.flush();
    return status;
  }

  /**
   * What a generated job's {@code main} calls: {@code run --job <name>} plus the given options,
   * which may also be the parameters of the job's Flex Template ({@link TemplateParameters}).
   */
  public static void runJob(String job, String... args) {
    System.exit(executeTemplateMain(List.of("run", "--job", job), args));
  }

  /** {@code command} plus {@code args} read as {@code run} options or Flex Template parameters. */
  static int executeTemplateMain(List<String> command, String... args) {
    List<String> all = new ArrayList<>(command);
    try {
      all.addAll(TemplateParameters.toRunOptions(List.of(args)));
    } catch (IllegalArgumentException e) {
      System.err.println("klio: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    return execute(all.toArray(String[]::new));
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
