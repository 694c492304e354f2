package io.klio.runtime.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * Lists the files of many small directories at once: the provenance records of a batch of
 * object-store outputs, which live in one small directory per output, side by side under a common
 * parent. On an object store with a {@link RangeListing} (S3), the directories that share a parent
 * are read with one listing of the key range from the first to the last, 1,000 keys a request, and
 * given up for one listing per directory as soon as it would cost more; other object stores list
 * each directory; a local directory is read directly.
 */
final class DirectoryListing {
  private DirectoryListing() {}

  static Map<String, List<String>> list(Collection<String> directories, RequestCounter requests)
      throws IOException {
    Map<String, List<String>> listed = new HashMap<>();
    Map<String, TreeSet<String>> byParent = new TreeMap<>();
    for (String directory : directories) {
      if (!directory.endsWith("/")) {
        throw new IllegalArgumentException("not a directory: " + directory);
      }
      Optional<Path> local = Storage.localPath(directory);
      if (local.isPresent()) {
        requests.add(1);
        listed.put(directory, localFiles(local.get()));
      } else {
        String withoutSlash = directory.substring(0, directory.length() - 1);
        int slash = withoutSlash.lastIndexOf('/');
        byParent
            .computeIfAbsent(withoutSlash.substring(0, slash + 1), p -> new TreeSet<>())
            .add(withoutSlash.substring(slash + 1) + "/");
      }
    }
    for (Map.Entry<String, TreeSet<String>> group : byParent.entrySet()) {
      listed.putAll(listObjects(group.getKey(), group.getValue(), requests));
    }
    return listed;
  }

  private static List<String> localFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) { // the usual case for a new output: no exception thrown
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          names.add(file.getFileName().toString());
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  /** The files of {@code children} (names ending in '/') of {@code parent} on an object store. */
  private static Map<String, List<String>> listObjects(
      String parent, TreeSet<String> children, RequestCounter requests) throws IOException {
    Map<String, List<String>> listed = new HashMap<>();
    children.forEach(child -> listed.put(parent + child, new ArrayList<>()));
    Optional<RangeListing> rangeListing =
        RangeListing.forScheme(parent.substring(0, parent.indexOf(':')));
    if (rangeListing.isPresent() && children.size() > 1) {
      Optional<List<RangeListing.Listed>> objects =
          rangeListing
              .get()
              .objectsBetween(
                  parent,
                  children.first(),
                  children.last() + Character.MAX_VALUE,
                  children.size() - 1,
                  requests);
      if (objects.isPresent()) {
        for (RangeListing.Listed object : objects.get()) {
          String key = object.name();
          int slash = key.indexOf('/');
          List<String> files = slash < 0 ? null : listed.get(parent + key.substring(0, slash + 1));
          if (files != null && key.indexOf('/', slash + 1) < 0) {
            files.add(key.substring(slash + 1));
          }
        }
        return listed;
      }
    }
    List<String> specs = new ArrayList<>();
    children.forEach(child -> specs.add(parent + child + "*"));
    List<MatchResult> results = FileSystems.match(specs, EmptyMatchTreatment.ALLOW);
    requests.add(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      String directory = specs.get(i).substring(0, specs.get(i).length() - 1);
      for (Metadata file : ExistenceCheck.metadata(results.get(i), specs.get(i))) {
        String name = file.resourceId().getFilename();
        if (name != null && !name.isEmpty()) {
          listed.get(directory).add(name);
        }
      }
    }
    listed.values().forEach(names -> names.sort(null));
    return listed;
  }
}
