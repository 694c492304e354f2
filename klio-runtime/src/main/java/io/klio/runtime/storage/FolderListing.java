package io.klio.runtime.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * The files of one folder with a given ending, with their last write times, in one listing: a
 * local directory is read directly; on an object store it is one {@link FileSystems#match} of
 * {@code <folder>*<ending>}, which lists the folder's key prefix (on S3 one {@code ListObjectsV2}
 * request per 1,000 keys) without a request per file.
 */
public final class FolderListing {
  private FolderListing() {}

  /** A listed file: its full location and, where the store reports it, its last write time. */
  public record Entry(String location, Optional<Instant> written) {}

  /**
   * The files directly in {@code folder} (ending in {@code /}) whose names end in {@code ending};
   * none if the folder does not exist. Counts one request per listing.
   */
  public static List<Entry> list(String folder, String ending, RequestCounter requests)
      throws IOException {
    if (!folder.endsWith("/")) {
      throw new IllegalArgumentException("not a folder: " + folder);
    }
    Optional<Path> local = Storage.localPath(folder);
    requests.add(1);
    return local.isPresent() ? local(folder, local.get(), ending) : objects(folder, ending);
  }

  private static List<Entry> local(String folder, Path directory, String ending)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return entries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile() && name.endsWith(ending) && !name.startsWith(".")) {
          entries.add(new Entry(folder + name,
              Optional.of(attributes.lastModifiedTime().toInstant())));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return entries;
  }

  private static List<Entry> objects(String folder, String ending) throws IOException {
    String spec = folder + "*" + ending;
    MatchResult result = FileSystems.match(List.of(spec), EmptyMatchTreatment.ALLOW).get(0);
    List<Entry> entries = new ArrayList<>();
    for (Metadata file : ExistenceCheck.metadata(result, spec)) {
      String name = file.resourceId().getFilename();
      if (name == null || name.isEmpty() || name.startsWith(".")) {
        continue; // a temporary upload, or the folder itself
      }
      long millis = file.lastModifiedMillis();
      entries.add(new Entry(folder + name,
          millis > 0 ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty()));
    }
    return entries;
  }
}
