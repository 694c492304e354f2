package io.klio.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code deadletters}: the stored dead letters, to count, read and replay. */
@Command(
    name = "deadletters",
    mixinStandardHelpOptions = true,
    description = "Lists, shows and replays the dead letters of the dead-letter locations.",
    subcommands = {DeadLettersList.class, DeadLettersShow.class, DeadLettersReplay.class})
public final class DeadLettersCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    command.commandLine().getErr().println("klio deadletters: give list, show or replay");
    command.commandLine().usage(command.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
