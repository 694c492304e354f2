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
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * A file's data version as its store tells it without reading the file: its size and when it was
 * last written. A local file's time is as precise as its file system keeps it; an object's is cut
 * to the second, because listings and lookups of one store report it with different precision.
 * So a file replaced by one of the same size within the same second (of an object) keeps its
 * stamp, and a file written again with the same bytes gets a new one.
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
          stamps.put(location, stamp(attributes.size(),
              attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "ns"));
        }
      } catch (NoSuchFileException e) {
        // no stamp: missing
      }
    }
    if (!objects.isEmpty()) {
      List<MatchResult> results = FileSystems.match(objects, EmptyMatchTreatment.ALLOW);
      requests.add(ExistenceCheck.lookupRequestsOf(objects));
      for (int i = 0; i < objects.size(); i++) {
        for (Metadata file : ExistenceCheck.metadata(results.get(i), objects.get(i))) {
          stamps.put(objects.get(i),
              stamp(file.sizeBytes(), (file.lastModifiedMillis() / 1000) + "s"));
        }
      }
    }
    return stamps;
  }

  private static String stamp(long size, String modified) {
    return "size=" + size + ";modified=" + modified;
  }
}
