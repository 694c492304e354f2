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
 * The files of one folder with a given ending, with their last write times, in one listing: a local
 * directory is read directly; on a store with a {@link RangeListing} (S3) the folder's keys are
 * listed with the store's own call, one {@code ListObjectsV2} request per 1,000 keys; on other
 * object stores it is one {@link FileSystems#match} of {@code <folder>*<ending>}. (Beam's S3 match
 * would add a {@code HeadObject} request per file listed.)
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
    if (local.isPresent()) {
      requests.add(1);
      return local(folder, local.get(), ending);
    }
    Optional<RangeListing> range = RangeListing.forScheme(folder.substring(0, folder.indexOf(':')));
    if (range.isPresent()) {
      Optional<List<RangeListing.Listed>> listed =
          range
              .get()
              .objectsBetween(
                  folder, "", String.valueOf(Character.MAX_VALUE), Long.MAX_VALUE, requests);
      if (listed.isPresent()) {
        List<Entry> entries = new ArrayList<>();
        for (RangeListing.Listed object : listed.get()) {
          String name = object.name();
          if (!name.contains("/") && name.endsWith(ending) && !name.startsWith(".")) {
            entries.add(
                new Entry(
                    folder + name, Optional.of(Instant.ofEpochMilli(object.lastModifiedMillis()))));
          }
        }
        return entries;
      }
    }
    requests.add(1);
    return objects(folder, ending);
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
          entries.add(
              new Entry(folder + name, Optional.of(attributes.lastModifiedTime().toInstant())));
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
      entries.add(
          new Entry(
              folder + name,
              millis > 0 ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty()));
    }
    return entries;
  }
}
