package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfig;
import io.klio.runtime.config.KlioConfigException;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Beam's options of a run, from klio.yaml's {@code pipeline} section and the command line. Beam
 * names a bad option by its flag alone; when the flag came from klio.yaml, the error names the
 * file and the key it was written under instead ({@code klio.yaml: pipeline.runnr: ...}).
 */
final class BeamOptions {
  private BeamOptions() {}

  /**
   * The options {@code args} set, validated as Beam validates them.
   *
   * @param args {@link KlioConfig#pipelineArgs(List)}: the config's options, then the command
   *     line's
   * @throws KlioConfigException for a bad option from the config
   * @throws RunCommand.UsageException for a bad option from the command line
   */
  static PipelineOptions parse(KlioConfig config, List<String> args) {
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      throw blame(config, args, e);
    }
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
