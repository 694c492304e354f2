package io.klio.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Reads and writes job data through Beam's {@link FileSystems}, so any registered scheme works.
 * Writes are atomic: local files are written under a hidden temporary name and renamed into
 * place; object stores (gs://) publish an object only when its upload completes.
 */
public final class Storage {
  private Storage() {}

  /** Whether a complete file exists at {@code location}. */
  public static boolean exists(String location) throws IOException {
    MatchResult result =
        FileSystems.match(java.util.List.of(location), EmptyMatchTreatment.ALLOW).get(0);
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
    ResourceId resource = FileSystems.matchNewResource(directory, true);
    if ("file".equals(resource.getScheme())) {
      if (!Files.isDirectory(Paths.get(resource.toString()))) {
        throw new IOException("no such directory");
      }
      return;
    }
    MatchResult result =
        FileSystems.match(java.util.List.of(directory + "*"), EmptyMatchTreatment.ALLOW).get(0);
    if (result.status() == MatchResult.Status.ERROR) {
      result.metadata(); // throws the file system's own reason
      throw new IOException("cannot list " + directory);
    }
  }

  public static InputStream open(String location) throws IOException {
    return Channels.newInputStream(FileSystems.open(resource(location)));
  }

  /** Writes {@code location} so that no reader ever sees it partially written. */
  public static void writeAtomically(String location, Writer writer) throws IOException {
    ResourceId target = resource(location);
    if ("file".equals(target.getScheme())) {
      Path path = Paths.get(target.toString());
      Files.createDirectories(path.getParent());
      Path temporary =
          path.resolveSibling("." + path.getFileName() + ".klio-" + UUID.randomUUID() + ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(temporary)) {
          writer.write(out);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } else {
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(target, "application/octet-stream"))) {
        writer.write(out);
      }
    }
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
