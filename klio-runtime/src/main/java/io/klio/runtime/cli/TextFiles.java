package io.klio.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The text files the command line names ({@code --config}, {@code --ids}): a local path, or any
 * location a Beam file system serves, such as {@code gs://bucket/klio.yaml}, since a job launched
 * from a Flex Template has no local files of its own. Patterns ({@code ids-*.txt}) match several.
 */
final class TextFiles {
  private static boolean fileSystemsRegistered;

  private TextFiles() {}

  /** The text of the one file at {@code location}; empty if there is none. */
  static Optional<String> read(String location) throws IOException {
    Path local = localPath(location);
    if (local != null && Files.isRegularFile(local)) {
      return Optional.of(Files.readString(local, StandardCharsets.UTF_8));
    }
    List<Metadata> files = match(location);
    return files.size() == 1 ? Optional.of(text(files.get(0))) : Optional.empty();
  }

  /** The lines of every file that {@code pattern} matches, file by file in name order. */
  static Optional<List<String>> lines(String pattern) throws IOException {
    Path local = localPath(pattern);
    if (local != null && Files.isRegularFile(local)) {
      return Optional.of(Files.readAllLines(local, StandardCharsets.UTF_8));
    }
    List<Metadata> files = match(pattern);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    for (Metadata file : files) {
      text(file).lines().forEach(lines::add);
    }
    return Optional.of(lines);
  }

  private static List<Metadata> match(String pattern) throws IOException {
    registerFileSystems(pattern);
    MatchResult result;
    try {
      result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    } catch (IllegalArgumentException e) {
      // A scheme no file system serves, or a malformed pattern.
      throw new RunCommand.UsageException(pattern + ": " + e.getMessage());
    }
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<Metadata> files = new ArrayList<>(result.metadata());
    files.removeIf(m -> m.resourceId().isDirectory());
    files.sort(Comparator.comparing(m -> m.resourceId().toString()));
    return files;
  }

  private static String text(Metadata file) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The local path {@code location} names, or null when it has a scheme ({@code gs://}). */
  private static Path localPath(String location) {
    return location.contains("://") ? null : Path.of(location);
  }

  /**
   * Beam knows only local files until it is given pipeline options; the run's own options come
   * later (they may be in the config being read), so object stores are reached with the defaults:
   * application default credentials.
   */
  private static synchronized void registerFileSystems(String location) {
    if (!fileSystemsRegistered && location.contains("://") && !location.startsWith("file://")) {
      FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
      fileSystemsRegistered = true;
    }
  }
}
