package io.klio.runtime.storage;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Reads and writes job data. Local paths and {@code file:} URIs go through {@code java.nio} (Beam's
 * local file system takes {@code file://} URIs for relative paths); every other scheme ({@code
 * gs://}, {@code s3://}, ...) through Beam's {@link FileSystems}.
 *
 * <p>Writes are atomic on every store: no reader and no existence check ever sees a partial, empty
 * or failed output, also after a crash. A value is first encoded completely into a local temporary
 * file, so a failing codec never touches the store. A local file is then moved into place. An
 * object is uploaded under a temporary name beside its final one and then copied to the final name
 * by the store itself (Beam's rename), because object stores publish whatever a closed upload
 * holds, even after a failed write: a failure or a kill before the copy leaves nothing under the
 * final name. Temporary objects are named {@code .<name>.klio-<uuid>.tmp}, with the name cut to its
 * first 100 bytes, so that a name as long as a file system allows has one too.
 */
public final class Storage {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  /** How much of an output's name its temporary name keeps. */
  private static final int TEMPORARY_NAME_BYTES = 100;

  private Storage() {}

  /** Whether a complete file exists at {@code location}. */
  public static boolean exists(String location) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      return Files.isRegularFile(local.get());
    }
    return !ExistenceCheck.existing(List.of(location), RequestCounter.NONE).isEmpty();
  }

  /**
   * The bytes of a small file, or empty if there is none; a local file is looked for before it is
   * opened, since a missing one is the usual case and an exception costs more than a look.
   */
  public static Optional<byte[]> readSmall(String location) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent() && !Files.isRegularFile(local.get())) {
      return Optional.empty();
    }
    try (InputStream in = open(location)) {
      return Optional.of(in.readAllBytes());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Which of {@code locations} exist, asking each store about many at once (see {@link
   * ExistenceCheck}); the requests sent are added to {@code requests}.
   */
  public static Set<String> existing(Collection<String> locations, RequestCounter requests)
      throws IOException {
    return ExistenceCheck.existing(locations, requests);
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

  /**
   * Opens {@code location} for streaming reads.
   *
   * @throws FileNotFoundException if there is no file there
   */
  public static InputStream open(String location) throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isEmpty()) {
      return openObject(location);
    }
    try {
      // A FileInputStream reads a whole file into one array of its size (readAllBytes), where
      // the stream of Files.newInputStream grows buffers and copies them.
      return new FileInputStream(local.get().toFile());
    } catch (FileNotFoundException e) {
      if (Files.exists(local.get())) {
        throw new IOException("cannot read " + location + ": " + e.getMessage(), e);
      }
      throw new FileNotFoundException(location);
    }
  }

  private static InputStream openObject(String location) throws IOException {
    try {
      return Channels.newInputStream(FileSystems.open(resource(location)));
    } catch (FileNotFoundException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Beam's S3 file system fails with its client's own exception for a missing object.
      boolean missing;
      try {
        missing = !exists(location);
      } catch (IOException check) {
        e.addSuppressed(check);
        throw e;
      }
      if (missing) {
        FileNotFoundException notFound = new FileNotFoundException(location);
        notFound.initCause(e);
        throw notFound;
      }
      throw e;
    }
  }

  /** Writes {@code location} so that no reader ever sees it partially written. */
  public static Written writeAtomically(String location, Writer writer) throws IOException {
    return writeAtomically(location, writer, RequestCounter.NONE);
  }

  /**
   * Writes {@code location} atomically; counts 1 request for a local file, 3 for an object (upload,
   * copy, delete). Returns the size and hash of what was written.
   */
  public static Written writeAtomically(String location, Writer writer, RequestCounter requests)
      throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      Path path = local.get().toAbsolutePath();
      Files.createDirectories(path.getParent());
      Path temporary = path.resolveSibling(temporaryName(path.getFileName().toString()));
      try {
        Written written = encode(writer, temporary);
        Files.move(
            temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        requests.add(1);
        return written;
      } finally {
        Files.deleteIfExists(temporary);
      }
    } else {
      Path encoded = Files.createTempFile("klio-upload-", ".tmp");
      try {
        Written written = encode(writer, encoded);
        upload(encoded, resource(location));
        requests.add(3);
        return written;
      } finally {
        Files.deleteIfExists(encoded);
      }
    }
  }

  private static Written encode(Writer writer, Path file) throws IOException {
    MessageDigest sha256 = Hashes.sha256();
    long bytes;
    try (CountingOutputStream out =
        new CountingOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha256))) {
      writer.write(out);
      bytes = out.count();
    }
    return new Written(bytes, Hashes.hex(sha256.digest()));
  }

  /**
   * Writes a few bytes in one request: an object store publishes an object only once its upload is
   * complete, and these bytes are all handed over before it completes; a local file is written in
   * place, without the temporary file and rename that {@link #writeAtomically} costs, so a crash
   * may leave it with part of its bytes (provenance records then do not parse, and count as stale).
   */
  public static void writeSmall(String location, byte[] bytes, RequestCounter requests)
      throws IOException {
    Optional<Path> local = localPath(location);
    if (local.isPresent()) {
      Path path = local.get().toAbsolutePath();
      Files.createDirectories(path.getParent());
      Files.write(path, bytes);
      requests.add(1);
      return;
    }
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(resource(location), "application/json"))) {
      out.write(bytes);
    }
    requests.add(1);
  }

  /** Deletes the files that exist among {@code locations}. */
  public static void delete(Collection<String> locations, RequestCounter requests)
      throws IOException {
    List<ResourceId> objects = new ArrayList<>();
    for (String location : locations) {
      Optional<Path> local = localPath(location);
      if (local.isPresent()) {
        Files.deleteIfExists(local.get());
        requests.add(1);
      } else {
        objects.add(resource(location));
      }
    }
    if (!objects.isEmpty()) {
      FileSystems.delete(objects, StandardMoveOptions.IGNORE_MISSING_FILES);
      requests.add(objects.size());
    }
  }

  /**
   * Copies a file to {@code to}: a local file by the file system, an object by the store itself (no
   * bytes pass through here). The copy is complete or absent.
   *
   * @throws FileNotFoundException if there is no file at {@code from}
   */
  public static void copy(String from, String to) throws IOException {
    Optional<Path> source = localPath(from);
    Optional<Path> target = localPath(to);
    if (source.isPresent() && target.isPresent()) {
      if (!Files.isRegularFile(source.get())) {
        throw new FileNotFoundException(from);
      }
      Path path = target.get().toAbsolutePath();
      Files.createDirectories(path.getParent());
      Path temporary = path.resolveSibling(temporaryName(path.getFileName().toString()));
      try {
        Files.copy(source.get(), temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } else if (source.isEmpty() && target.isEmpty()) {
      FileSystems.copy(List.of(resource(from)), List.of(resource(to)));
    } else {
      try (InputStream in = open(from)) {
        writeAtomically(to, out -> in.transferTo(out));
      }
    }
  }

  /**
   * The file names in each of {@code directories} (each ending in {@code /}; none if it does not
   * exist), read with as few requests as the store allows (see {@link DirectoryListing}).
   */
  public static Map<String, List<String>> listDirectories(
      Collection<String> directories, RequestCounter requests) throws IOException {
    return DirectoryListing.list(directories, requests);
  }

  /**
   * The data version of each existing file among {@code locations} as its store reports it without
   * reading it (size and last write time, see {@link DataStamps}); none for a missing file.
   */
  public static Map<String, String> stamps(Collection<String> locations, RequestCounter requests)
      throws IOException {
    return DataStamps.stamps(locations, requests);
  }

  /** What {@link #writeAtomically} wrote: how many bytes, and their SHA-256 in hex. */
  public record Written(long bytes, String sha256) {}

  /**
   * Uploads a complete local file under a temporary name, then lets the store copy it into place.
   */
  private static void upload(Path file, ResourceId target) throws IOException {
    ResourceId temporary =
        target
            .getCurrentDirectory()
            .resolve(temporaryName(target.getFilename()), StandardResolveOptions.RESOLVE_FILE);
    try {
      try (OutputStream out =
          Channels.newOutputStream(FileSystems.create(temporary, "application/octet-stream"))) {
        Files.copy(file, out);
      }
      FileSystems.rename(List.of(temporary), List.of(target));
    } catch (IOException | RuntimeException e) {
      try {
        FileSystems.delete(List.of(temporary), StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * {@code .<name>.klio-<uuid>.tmp}, with at most the first {@value #TEMPORARY_NAME_BYTES} bytes of
   * {@code name}: a final name of up to 255 bytes has a temporary name too, and so it has where a
   * store adds to an upload's name (S3Proxy's file-system store adds 42 bytes).
   */
  static String temporaryName(String name) {
    String suffix = ".klio-" + UUID.randomUUID() + ".tmp";
    int room = TEMPORARY_NAME_BYTES;
    int end = 0;
    int bytes = 0;
    while (end < name.length()) {
      int next = name.offsetByCodePoints(end, 1);
      bytes += Locations.utf8Length(name.substring(end, next));
      if (bytes > room) {
        break;
      }
      end = next;
    }
    return "." + name.substring(0, end) + suffix;
  }

  /**
   * Fails with an {@link IllegalArgumentException} if this machine cannot name the file at a local
   * {@code location}: a character the file system's encoding cannot hold (non-ASCII under a POSIX
   * locale), say. Any other store takes any name.
   */
  public static void checkNameable(String location) {
    localPath(location);
  }

  /** Whether {@code location} is on the local file system (a path or a {@code file:} URI). */
  public static boolean isLocal(String location) {
    return localPath(location).isPresent();
  }

  static Optional<Path> localPath(String location) {
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
