package io.klio.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Reads and writes job data. Local paths and {@code file:} URIs go through {@code java.nio}
 * (Beam's local file system takes {@code file://} URIs for relative paths); every other scheme
 * ({@code gs://}, ...) through Beam's {@link FileSystems}. Writes are atomic: local files are
 * written under a hidden temporary name and renamed into place; object stores publish an object
 * only when its upload completes.
 */
public final class Storage {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private Storage() {}

  /** Whether a complete file exists at {@code location}. */
  public static boolean exists(String location) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      return Files.isRegularFile(local.get());
    }
    MatchResult result = FileSystems.match(List.of(location), EmptyMatchTreatment.ALLOW).get(0);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return false;
    }
    if (result.status() != MatchResult.Status.OK) {
      throw new IOException("cannot check " + location + ": " + result.status());
    }
    return !result.metadata().isEmpty();
  }

  /**
   * Whether a directory can be listed: a local directory exists, or an object store's bucket is
   * there and readable with the current credentials. Throws with the file system's reason if not.
   */
  public static void checkDirectory(String directory) throws IOException {
    Optional<Path> local = localPath(directory);
    if (local.isPresent()) {
      if (!Files.isDirectory(local.get())) {
        throw new IOException("no such directory");
      }
      return;
    }
    MatchResult result =
        FileSystems.match(List.of(directory + "*"), EmptyMatchTreatment.ALLOW).get(0);
    if (result.status() == MatchResult.Status.ERROR) {
      result.metadata(); // throws the file system's own reason
      throw new IOException("cannot list " + directory);
    }
  }

  public static InputStream open(String location) throws IOException {
    Optional<Path> local = localPath(location);
    return local.isPresent()
        ? Files.newInputStream(local.get())
        : Channels.newInputStream(FileSystems.open(resource(location)));
  }

  /** Writes {@code location} so that no reader ever sees it partially written. */
  public static void writeAtomically(String location, Writer writer) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      Path path = local.get().toAbsolutePath();
      Files.createDirectories(path.getParent());
      Path temporary =
          path.resolveSibling("." + path.getFileName() + ".klio-" + UUID.randomUUID() + ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(temporary)) {
          writer.write(out);
        }
        Files.move(
            temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } else {
      try (OutputStream out =
          Channels.newOutputStream(FileSystems.create(resource(location), "application/octet-stream"))) {
        writer.write(out);
      }
    }
  }

  /** Whether {@code location} is on the local file system (a path or a {@code file:} URI). */
  public static boolean isLocal(String location) {
    return localPath(location).isPresent();
  }

  private static Optional<Path> localPath(String location) {
    if (location.startsWith("file:")) {
      return Optional.of(Path.of(URI.create(location)));
    }
    return SCHEME.matcher(location).matches() ? Optional.empty() : Optional.of(Path.of(location));
  }

  private static ResourceId resource(String location) {
    return FileSystems.matchNewResource(location, false);
  }

  /** Writes a value's bytes. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }
}
