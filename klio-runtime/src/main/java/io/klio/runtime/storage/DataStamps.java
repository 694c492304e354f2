package io.klio.runtime.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * A file's data version as its store tells it without reading the file: its size and when it was
 * last written. Objects of one directory are asked about together, like existence checks: by one
 * range listing on S3 (with {@code klio-s3}) when that costs less than a lookup per object. A local
 * file's time is as precise as its file system keeps it; an object's is cut to the second, because
 * listings and lookups of one store report it with different precision. So a file replaced by one
 * of the same size within the same second (of an object) keeps its stamp, and a file written again
 * with the same bytes gets a new one.
 */
final class DataStamps {
  private DataStamps() {}

  static Map<String, String> stamps(Collection<String> locations, RequestCounter requests)
      throws IOException {
    Map<String, String> stamps = new HashMap<>();
    List<String> objects = new ArrayList<>();
    for (String location : locations) {
      Optional<Path> local = Storage.localPath(location);
      if (local.isEmpty()) {
        objects.add(location);
        continue;
      }
      requests.add(1);
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(local.get(), BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
          stamps.put(
              location,
              stamp(
                  attributes.size(),
                  attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "ns"));
        }
      } catch (NoSuchFileException e) {
        // no stamp: missing
      }
    }
    Map<String, TreeSet<String>> byDirectory = new TreeMap<>();
    for (String object : objects) {
      int slash = object.lastIndexOf('/');
      byDirectory
          .computeIfAbsent(object.substring(0, slash + 1), d -> new TreeSet<>())
          .add(object.substring(slash + 1));
    }
    for (Map.Entry<String, TreeSet<String>> group : byDirectory.entrySet()) {
      stamps.putAll(objectStamps(group.getKey(), group.getValue(), requests));
    }
    return stamps;
  }

  /**
   * The stamps of objects in one directory: by a range listing where the store has one and it costs
   * less than looking the names up, else by lookups.
   */
  private static Map<String, String> objectStamps(
      String directory, TreeSet<String> names, RequestCounter requests) throws IOException {
    Map<String, String> stamps = new HashMap<>();
    long lookupCost = ExistenceCheck.lookupRequests(directory, names.size());
    Optional<RangeListing> rangeListing =
        RangeListing.forScheme(directory.substring(0, directory.indexOf(':')));
    if (rangeListing.isPresent() && lookupCost > 1) {
      Optional<List<RangeListing.Listed>> listed =
          rangeListing
              .get()
              .objectsBetween(directory, names.first(), names.last(), lookupCost - 1, requests);
      if (listed.isPresent()) {
        for (RangeListing.Listed object : listed.get()) {
          if (names.contains(object.name())) {
            stamps.put(
                directory + object.name(),
                objectStamp(object.sizeBytes(), object.lastModifiedMillis()));
          }
        }
        return stamps;
      }
    }
    List<String> specs = new ArrayList<>();
    names.forEach(name -> specs.add(directory + name));
    List<MatchResult> results = FileSystems.match(specs, EmptyMatchTreatment.ALLOW);
    requests.add(lookupCost);
    for (int i = 0; i < specs.size(); i++) {
      for (Metadata file : ExistenceCheck.metadata(results.get(i), specs.get(i))) {
        stamps.put(specs.get(i), objectStamp(file.sizeBytes(), file.lastModifiedMillis()));
      }
    }
    return stamps;
  }

  private static String objectStamp(long size, long lastModifiedMillis) {
    return stamp(size, (lastModifiedMillis / 1000) + "s");
  }

  private static String stamp(long size, String modified) {
    return "size=" + size + ";modified=" + modified;
  }
}
