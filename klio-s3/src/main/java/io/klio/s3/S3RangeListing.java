package io.klio.s3;

import io.klio.runtime.storage.RangeListing;
import io.klio.runtime.storage.RequestCounter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Existence checks, record listings and data stamps on S3: {@code ListObjectsV2} from just before
 * the first name, 1,000 keys a request, until the last name is passed. The key range between the
 * names, not the whole directory, is what is paid for, and the listing gives up (the caller looks
 * the names up instead) once it has used the requests it was allowed, so a sparse batch never costs
 * more than looking its names up would.
 */
public final class S3RangeListing implements RangeListing {
  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public Optional<Set<String>> existing(
      String directory, SortedSet<String> names, long maxRequests, RequestCounter requests)
      throws IOException {
    Set<String> found = new HashSet<>();
    boolean complete =
        list(
            directory,
            names.first(),
            names.last(),
            maxRequests,
            requests,
            object -> {
              if (names.contains(object.name())) {
                found.add(object.name());
              }
            });
    return complete ? Optional.of(found) : Optional.empty();
  }

  @Override
  public Optional<List<Listed>> objectsBetween(
      String directory, String first, String last, long maxRequests, RequestCounter requests)
      throws IOException {
    List<Listed> objects = new ArrayList<>();
    return list(directory, first, last, maxRequests, requests, objects::add)
        ? Optional.of(objects)
        : Optional.empty();
  }

  /** Feeds the objects from {@code first} to {@code last}; false if it ran out of requests. */
  private static boolean list(
      String directory,
      String first,
      String last,
      long maxRequests,
      RequestCounter requests,
      Consumer<Listed> objects)
      throws IOException {
    String path = directory.substring("s3://".length());
    int slash = path.indexOf('/');
    String bucket = path.substring(0, slash);
    String keyPrefix = path.substring(slash + 1);
    String firstKey = keyPrefix + first;
    // Keys sort by UTF-8 bytes; a proper prefix of the first key sorts just before it.
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .prefix(keyPrefix)
            .startAfter(firstKey.substring(0, firstKey.length() - 1));
    S3Client client = S3Clients.forCurrentOptions();
    long sent = 0;
    try {
      while (true) {
        if (sent == maxRequests) {
          return false;
        }
        ListObjectsV2Response page = client.listObjectsV2(request.build());
        sent++;
        requests.add(1);
        for (S3Object object : page.contents()) {
          String name = object.key().substring(keyPrefix.length());
          if (name.compareTo(last) > 0) {
            return true;
          }
          if (name.compareTo(first) >= 0) {
            objects.accept(new Listed(name, object.size(), object.lastModified().toEpochMilli()));
          }
        }
        if (!Boolean.TRUE.equals(page.isTruncated())) {
          return true;
        }
        request.continuationToken(page.nextContinuationToken()).startAfter(null);
      }
    } catch (SdkException e) {
      throw new IOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
