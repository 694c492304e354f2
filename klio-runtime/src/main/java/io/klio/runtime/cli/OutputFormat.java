package io.klio.runtime.cli;

import io.klio.runtime.cli.RunCommand.UsageException;
import picocli.CommandLine.Option;

/** The {@code --format text|json} option of {@code plan} and {@code lineage}. */
final class OutputFormat {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  String format;

  /** Whether JSON was asked for; a usage error for anything but text or json. */
  boolean json() {
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new UsageException("--format " + format + ": use text or json");
    };
  }
}
