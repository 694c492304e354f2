package io.klio.runtime.cli;

import io.klio.runtime.storage.Locations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --id} and {@code --ids} options that {@code run} and {@code publish} share. */
final class ElementIds {
  @Option(names = "--id", paramLabel = "ID", description = "An element id (repeatable).")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--ids",
      paramLabel = "FILE",
      description =
          "Element ids, one per line ('#' starts a comment line): a file, a glob (ids/*.txt)"
              + " or an object-store path or pattern (gs://bucket/ids-*.txt). run reads them in"
              + " the pipeline itself; publish reads them before it sends.")
  String file;

  boolean isEmpty() {
    return ids.isEmpty() && file == null;
  }

  /** The ids given with {@code --id}, each once, in order. */
  List<String> given() {
    return new ArrayList<>(new LinkedHashSet<>(ids));
  }

  /** The {@code --ids} file pattern, or null. */
  String filePattern() {
    return file;
  }

  /**
   * Every id given, in order, each once, with those of a local file; an error if there are none.
   */
  List<String> all() throws IOException {
    LinkedHashSet<String> all = new LinkedHashSet<>(ids);
    if (file != null) {
      List<String> lines =
          TextFiles.lines(file)
              .orElseThrow(() -> new RunCommand.UsageException("--ids " + file + ": no such file"));
      for (String line : lines) {
        String id = Locations.idInLine(line);
        if (id != null) {
          all.add(id);
        }
      }
    }
    if (all.isEmpty()) {
      throw new RunCommand.UsageException(
          "no element ids: give --id ID (repeatable) or --ids FILE");
    }
    return new ArrayList<>(all);
  }
}
