package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config} and {@code --var} options that {@code run}, {@code publish} and {@code
 * verify} share.
 */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A klio.yaml: variables, Beam options, per-job settings and events. A local file or"
              + " any location a Beam file system reads (gs://bucket/klio.yaml).")
  String file;

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "A template variable (repeatable); wins over klio.yaml's vars.")
  Map<String, String> variables = new LinkedHashMap<>();

  boolean given() {
    return file != null;
  }

  /**
   * The config with the {@code --var}s applied; without {@code --config}, just the {@code --var}s.
   */
  KlioConfig load() {
    if (file == null) {
      return KlioConfig.parse("", "(no config)").withVariables(variables);
    }
    String yaml;
    try {
      yaml =
          TextFiles.read(file)
              .orElseThrow(
                  () -> new RunCommand.UsageException("--config " + file + ": no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config " + file + ": " + e.getMessage(), e);
    }
    return KlioConfig.parse(yaml, file).withVariables(variables);
  }
}
