package io.klio.runtime.storage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A store's own listing call, for the existence checks of one URI scheme: lists the objects of a
 * directory from one name to another, a page at a time, and stops as soon as it has passed the last
 * name or has spent the requests it was allowed. Beam's file systems only list whole prefixes (and
 * its S3 file system reads every listed object's metadata on top), so a store module registers one
 * of these through {@link ServiceLoader} ({@code
 * META-INF/services/io.klio.runtime.storage.RangeListing}) where its client can do better.
 */
public interface RangeListing {
  /** The URI scheme served, such as {@code s3}. */
  String scheme();

  /**
   * Which of {@code names} exist in {@code directory}, found by listing from the first name to the
   * last; empty if that would take more than {@code maxRequests} requests (the caller then looks
   * the names up instead). Every request sent is added to {@code requests}.
   *
   * @param directory {@code scheme://bucket/path/}, ending in {@code /}
   * @param names file names in the directory, sorted
   */
  Optional<Set<String>> existing(
      String directory, SortedSet<String> names, long maxRequests, RequestCounter requests)
      throws IOException;

  /**
   * Every object under {@code directory} (named relative to it, with any {@code /} in the name)
   * from {@code first} to {@code last}, both included, in name order; empty if that would take more
   * than {@code maxRequests} requests, or if this store cannot list a range (the caller then lists
   * or looks up one by one). Every request sent is added to {@code requests}.
   */
  default Optional<List<Listed>> objectsBetween(
      String directory, String first, String last, long maxRequests, RequestCounter requests)
      throws IOException {
    return Optional.empty();
  }

  /** An object a listing found: its name relative to the directory, size and last write time. */
  record Listed(String name, long sizeBytes, long lastModifiedMillis) {}

  /** The listing registered for {@code scheme}, if any. */
  static Optional<RangeListing> forScheme(String scheme) {
    return Optional.ofNullable(Registered.BY_SCHEME.get(scheme));
  }

  /** The listings on the classpath, loaded once. */
  final class Registered {
    private static final Map<String, RangeListing> BY_SCHEME = load();

    private Registered() {}

    private static Map<String, RangeListing> load() {
      Map<String, RangeListing> byScheme = new TreeMap<>();
      for (RangeListing listing :
          ServiceLoader.load(RangeListing.class, RangeListing.class.getClassLoader())) {
        byScheme.put(listing.scheme(), listing);
      }
      return byScheme;
    }
  }
}
