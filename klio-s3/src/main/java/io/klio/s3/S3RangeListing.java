package io.klio.s3;

import io.klio.runtime.storage.RangeListing;
import io.klio.runtime.storage.RequestCounter;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Existence checks on S3 by listing: {@code ListObjectsV2} from just before the first name, 1,000
 * keys a request, until the last name is passed. The key range between the names, not the whole
 * directory, is what is paid for, and the listing gives up (the caller looks the names up
 * instead) once it has used the requests it was allowed, so a sparse batch never costs more than
 * looking its names up would.
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
    String path = directory.substring("s3://".length());
    int slash = path.indexOf('/');
    String bucket = path.substring(0, slash);
    String keyPrefix = path.substring(slash + 1);
    String first = keyPrefix + names.first();
    String last = names.last();
    // Keys sort by UTF-8 bytes; a proper prefix of the first key sorts just before it.
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .prefix(keyPrefix)
            .startAfter(first.substring(0, first.length() - 1));
    S3Client client = S3Clients.forCurrentOptions();
    Set<String> found = new HashSet<>();
    long sent = 0;
    try {
      while (true) {
        if (sent == maxRequests) {
          return Optional.empty();
        }
        ListObjectsV2Response page = client.listObjectsV2(request.build());
        sent++;
        requests.add(1);
        for (S3Object object : page.contents()) {
          String name = object.key().substring(keyPrefix.length());
          if (name.compareTo(last) > 0) {
            return Optional.of(found);
          }
          if (names.contains(name)) {
            found.add(name);
          }
        }
        if (!Boolean.TRUE.equals(page.isTruncated())) {
          return Optional.of(found);
        }
        request.continuationToken(page.nextContinuationToken()).startAfter(null);
      }
    } catch (SdkException e) {
      throw new IOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
