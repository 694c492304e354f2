package io.klio.runtime.cli;

import io.klio.common.text.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The message for a flag no one knows: the closest of the command's own flags and, where the
 * command passes unknown flags on to Beam, of Beam's.
 */
public final class UnknownOptions {
  private UnknownOptions() {}

  static String message(
      String flag, CommandSpec command, Collection<String> others, String othersAre) {
    Set<String> known = new TreeSet<>(flags(command));
    known.addAll(others);
    String suggestion = Suggestions.didYouMean(flag, known);
    return "unknown option '"
        + flag
        + "'"
        + (suggestion.isEmpty()
            ? " (not an option of '"
                + command.qualifiedName()
                + "'"
                + (othersAre.isEmpty() ? "" : ", " + othersAre)
                + "; see --help)"
            : suggestion);
  }

  /**
   * A command line picocli cannot parse: the problem in one line, an unknown flag with the closest
   * known ones (commands that pass unknown flags to Beam check them in {@link BeamOptions}).
   */
  public static int handle(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    CommandSpec command = commandLine.getCommandSpec();
    String problem = e.getMessage() + " (see '" + command.qualifiedName() + " --help')";
    // a mistyped flag often makes a required one look missing: name the mistyped one first
    List<String> unmatched = commandLine.getUnmatchedArguments();
    if (!unmatched.isEmpty()) {
      String first = unmatched.get(0);
      problem =
          first.startsWith("-")
              ? message(
                  first.contains("=") ? first.substring(0, first.indexOf('=')) : first,
                  command,
                  Set.of(),
                  "")
              : "unexpected argument '" + first + "'";
    }
    commandLine.getErr().println(command.qualifiedName() + ": " + problem);
    commandLine.getErr().flush();
    return ExitCodes.USAGE;
  }

  private static Set<String> flags(CommandSpec command) {
    Set<String> flags = new TreeSet<>();
    for (OptionSpec option : command.options()) {
      for (String name : option.names()) {
        if (name.startsWith("--")) {
          flags.add(name);
        }
      }
    }
    return flags;
  }
}
