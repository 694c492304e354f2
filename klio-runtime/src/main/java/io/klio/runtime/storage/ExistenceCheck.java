package io.klio.runtime.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;

/**
 * Answers "which of these files exist?" for many files at once, with as few store requests as the
 * store allows. Locations are grouped by directory; on an object store a group is answered by one
 * of:
 *
 * <ul>
 *   <li>a {@link RangeListing} of the scheme (S3 with {@code klio-s3}): the objects from the first
 *       name to the last, 1,000 per request, given up for lookups as soon as it would cost as much
 *       as they do;
 *   <li>on GCS, a listing of the names' common prefix through Beam, when cheaper than lookups: a
 *       listing is only cheaper when the prefix holds few names besides the wanted ones, so each
 *       JVM remembers, per directory, the longest prefix whose listing cost more than lookups would
 *       have, and lists only longer prefixes there;
 *   <li>lookups of the names in one call, which Beam's GCS file system sends as batches of 100, and
 *       its S3 file system as parallel requests.
 * </ul>
 */
final class ExistenceCheck {
  /** Names an object-store listing returns per request (S3 and GCS both page at 1,000). */
  static final int LISTING_PAGE = 1_000;

  /** Per directory: the longest prefix length whose listing was found too expensive. */
  private static final Map<String, Integer> TOO_SHORT = new ConcurrentHashMap<>();

  private ExistenceCheck() {}

  static Set<String> existing(Collection<String> locations, RequestCounter requests)
      throws IOException {
    Set<String> found = new HashSet<>();
    Map<String, TreeSet<String>> byDirectory = new TreeMap<>();
    for (String location : locations) {
      if (Storage.isLocal(location)) {
        requests.add(1);
        if (Files.isRegularFile(Storage.localPath(location).orElseThrow())) {
          found.add(location);
        }
      } else {
        int slash = location.lastIndexOf('/');
        byDirectory
            .computeIfAbsent(location.substring(0, slash + 1), d -> new TreeSet<>())
            .add(location.substring(slash + 1));
      }
    }
    for (Map.Entry<String, TreeSet<String>> group : byDirectory.entrySet()) {
      found.addAll(existingIn(group.getKey(), group.getValue(), requests));
    }
    return found;
  }

  private static Set<String> existingIn(
      String directory, TreeSet<String> names, RequestCounter requests) throws IOException {
    long lookupCost = lookupRequests(directory, names.size());
    Optional<RangeListing> rangeListing = RangeListing.forScheme(scheme(directory));
    if (rangeListing.isPresent()) {
      if (lookupCost > 1) {
        Optional<Set<String>> listed =
            rangeListing.get().existing(directory, names, lookupCost - 1, requests);
        if (listed.isPresent()) {
          Set<String> found = new HashSet<>();
          listed.get().forEach(name -> found.add(directory + name));
          return found;
        }
      }
      return byLookup(directory, names, lookupCost, requests);
    }
    if (!directory.startsWith("gs://")) {
      // Beam's other object-store file systems read each listed object's metadata: no saving.
      return byLookup(directory, names, lookupCost, requests);
    }
    String prefix = commonPrefix(names.first(), names.last());
    boolean list =
        lookupCost > 1
            && !prefix.isEmpty()
            && !hasGlobCharacters(directory + prefix)
            && prefix.length() > TOO_SHORT.getOrDefault(directory, 0);
    return list
        ? byListing(directory, prefix, names, lookupCost, requests)
        : byLookup(directory, names, lookupCost, requests);
  }

  private static Set<String> byListing(
      String directory, String prefix, Set<String> names, long lookupCost, RequestCounter requests)
      throws IOException {
    MatchResult listing =
        FileSystems.match(List.of(directory + prefix + "*"), EmptyMatchTreatment.ALLOW).get(0);
    List<Metadata> listed = metadata(listing, directory + prefix + "*");
    long cost = listingRequests(listed.size());
    requests.add(cost);
    if (cost > lookupCost) {
      TOO_SHORT.merge(directory, prefix.length(), Math::max);
    }
    Set<String> found = new HashSet<>();
    for (Metadata m : listed) {
      String name = m.resourceId().getFilename();
      if (name != null && names.contains(name)) {
        found.add(directory + name);
      }
    }
    return found;
  }

  private static Set<String> byLookup(
      String directory, Set<String> names, long cost, RequestCounter requests) throws IOException {
    List<String> specs = new ArrayList<>();
    names.forEach(name -> specs.add(directory + name));
    List<MatchResult> results = FileSystems.match(specs, EmptyMatchTreatment.ALLOW);
    requests.add(cost);
    Set<String> found = new HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      if (!metadata(results.get(i), specs.get(i)).isEmpty()) {
        found.add(specs.get(i));
      }
    }
    return found;
  }

  static List<Metadata> metadata(MatchResult result, String spec) throws IOException {
    switch (result.status()) {
      case NOT_FOUND:
        return List.of();
      case OK:
        return result.metadata();
      default:
        try {
          result.metadata(); // throws the file system's own reason
        } catch (IOException e) {
          throw new IOException("cannot check " + spec + ": " + e.getMessage(), e);
        }
        throw new IOException("cannot check " + spec + ": " + result.status());
    }
  }

  /** Requests to look {@code count} names up one by one: GCS batches 100 lookups per request. */
  static long lookupRequests(String directory, int count) {
    int batch = directory.startsWith("gs://") ? 100 : 1;
    return (count + batch - 1) / batch;
  }

  private static String scheme(String location) {
    return location.substring(0, location.indexOf(':'));
  }

  /** Requests to list {@code listed} objects through Beam's GCS file system: a page per 1,000. */
  static long listingRequests(int listed) {
    return Math.max(1, (listed + LISTING_PAGE - 1) / LISTING_PAGE);
  }

  static String commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }

  private static boolean hasGlobCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("*?[]{}".indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
