package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.config.KlioConfigException;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Beam's options of a run, from klio.yaml's {@code pipeline} section and the command line. Beam
 * names a bad option by its flag alone; when the flag came from klio.yaml, the error names the file
 * and the key it was written under instead ({@code klio.yaml: pipeline.runnr: ...}). A flag on the
 * command line that neither the command nor Beam knows gets the closest of both.
 */
final class BeamOptions {
  private BeamOptions() {}

  /**
   * The options {@code args} set, validated as Beam validates them.
   *
   * @param args {@link KlioConfig#pipelineArgs(List)}: the config's options, then the command
   *     line's
   * @param command the command whose unknown flags these are: its own flags are suggestions too
   * @throws KlioConfigException for a bad option from the config
   * @throws RunCommand.UsageException for a bad option from the command line
   */
  static PipelineOptions parse(KlioConfig config, List<String> args, CommandSpec command) {
    for (String arg : args) {
      if (config.pipelineKey(arg).isEmpty()) {
        checkKnown(arg, command);
      }
    }
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      throw blame(config, args, e);
    }
  }

  /**
   * Fails on the first of the command line's {@code args} (those the command did not take) that is
   * not a Beam flag, before the command reads anything else.
   */
  static void checkFlags(List<String> args, CommandSpec command) {
    args.forEach(arg -> checkKnown(arg, command));
  }

  /** A usage error for an argument that is not a flag Beam knows, naming the closest flags. */
  private static void checkKnown(String arg, CommandSpec command) {
    if (!arg.startsWith("--")) {
      throw new RunCommand.UsageException("unexpected argument '" + arg + "'");
    }
    String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    Set<String> beam = beamFlags();
    if (!beam.contains(flag)) {
      throw new RunCommand.UsageException(
          UnknownOptions.message(flag, command, beam, "nor a Beam pipeline option"));
    }
  }

  /** Every flag of the pipeline options registered on the classpath ({@code --runner}, ...). */
  static Set<String> beamFlags() {
    Set<String> flags = new TreeSet<>();
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method method : options.getMethods()) {
        String name = method.getName();
        if (method.getParameterCount() == 0 && name.startsWith("get") && name.length() > 3) {
          flags.add("--" + Introspector.decapitalize(name.substring(3)));
        } else if (method.getParameterCount() == 0 && name.startsWith("is") && name.length() > 2) {
          flags.add("--" + Introspector.decapitalize(name.substring(2)));
        }
      }
    }
    return flags;
  }

  /** The first option from the config that Beam rejects on its own, or else the whole line. */
  private static RuntimeException blame(
      KlioConfig config, List<String> args, IllegalArgumentException failure) {
    for (String arg : args) {
      Optional<String> key = config.pipelineKey(arg);
      if (key.isEmpty()) {
        continue;
      }
      try {
        PipelineOptionsFactory.fromArgs(arg).create();
      } catch (IllegalArgumentException alone) {
        return new KlioConfigException(config.source(), key.get(), alone.getMessage());
      }
    }
    return new RunCommand.UsageException("bad pipeline option: " + failure.getMessage());
  }
}
