package io.klio.runtime.flex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters of Klio's Flex Templates, and how a template's main class turns them back into the
 * options of {@code run}, so that a launched template runs exactly as {@code java -jar app.jar run
 * ...} would. A Flex Template launcher passes each parameter as {@code --name=value}, among
 * Dataflow's own options ({@code --project=...}, {@code --templateLocation=...}):
 *
 * <pre>
 * --config=F         → --config F
 * --ids=P            → --ids P
 * --force=true       → --force        (false: nothing)
 * --ping=true        → --ping         (false: nothing)
 * --var_NAME=VALUE   → --var NAME=VALUE
 * </pre>
 *
 * <p>Everything else goes to {@code run} unchanged (Beam options among it), so the mains also take
 * {@code run}'s own options. A parameter with an empty value counts as not given.
 */
public final class TemplateParameters {
  public static final String CONFIG = "config";
  public static final String IDS = "ids";
  public static final String FORCE = "force";
  public static final String PING = "ping";
  static final String VARIABLE_PREFIX = "var_";

  /** Characters a variable name may have and still be part of a template parameter's name. */
  private static final Pattern PARAMETER_SAFE = Pattern.compile("[A-Za-z0-9_]+");

  private TemplateParameters() {}

  /**
   * The parameter that sets {@code ${variable}}, or empty when the variable's name has characters
   * ({@code .}, {@code -}) that parameter names do not take; such a variable must come from the
   * config file.
   */
  public static Optional<String> forVariable(String variable) {
    return PARAMETER_SAFE.matcher(variable).matches()
        ? Optional.of(VARIABLE_PREFIX + variable)
        : Optional.empty();
  }

  /**
   * The options of {@code run} for the arguments a template's main class was started with.
   *
   * <p>A launch that writes a Dataflow job ({@code --templateLocation}, as the Flex Template
   * launcher does) runs on the DataflowRunner unless a {@code --runner} says otherwise: there is
   * nothing else it could mean, and the default DirectRunner would run the whole pipeline inside
   * the launcher instead.
   *
   * @throws IllegalArgumentException for a {@code force} or {@code ping} that is not true or false
   */
  public static List<String> toRunOptions(List<String> args) {
    List<String> options = new ArrayList<>();
    boolean writesDataflowJob = false;
    boolean runnerGiven = false;
    for (String arg : args) {
      writesDataflowJob |= arg.startsWith("--templateLocation=");
      runnerGiven |= arg.startsWith("--runner=");
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        options.add(arg);
        continue;
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      if (name.equals(CONFIG) || name.equals(IDS)) {
        addIfGiven(options, value, "--" + name, value);
      } else if (name.equals(FORCE) || name.equals(PING)) {
        if (flag(name, value)) {
          options.add("--" + name);
        }
      } else if (name.startsWith(VARIABLE_PREFIX) && name.length() > VARIABLE_PREFIX.length()) {
        addIfGiven(options, value, "--var", name.substring(VARIABLE_PREFIX.length()) + "=" + value);
      } else {
        options.add(arg);
      }
    }
    if (writesDataflowJob && !runnerGiven) {
      options.add("--runner=DataflowRunner");
    }
    return options;
  }

  private static void addIfGiven(
      List<String> options, String value, String option, String argument) {
    if (!value.isEmpty()) {
      options.add(option);
      options.add(argument);
    }
  }

  private static boolean flag(String name, String value) {
    return switch (value) {
      case "true" -> true;
      case "false", "" -> false;
      default ->
          throw new IllegalArgumentException("--" + name + "=" + value + ": use true or false");
    };
  }
}
