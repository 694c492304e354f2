package io.klio.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Storage.existing} on S3: the answer, and the requests it counts, checked against the
 * requests the S3 client really sent.
 */
@ExtendWith(S3ProxyExtension.class)
class S3ExistenceTest {
  private final TestBucket bucket;

  S3ExistenceTest(TestBucket bucket) {
    this.bucket = bucket;
    bucket.useForStorage();
  }

  @Test
  void namesSharingAPrefixAreAnsweredByOneListing() throws IOException {
    List<String> asked = urls("beats/track-%03d.json", 0, 300);
    Set<String> existing = new TreeSet<>();
    for (int i = 0; i < asked.size(); i += 3) {
      existing.add(asked.get(i));
    }
    List<String> notAsked = urls("beats/track-%03d.json", 300, 310);
    bucket.put(existing);
    bucket.put(notAsked);
    bucket.put(List.of(bucket.url("beats/.track-001.json.klio-0000.tmp")));

    Counted counted = existing(asked);

    assertThat(counted.found).isEqualTo(existing);
    // One listing page, plus the metadata request Beam's S3 file system sends for each of the
    // 110 objects the listing matched: 111 requests for 300 names.
    assertThat(counted.sent).isEqualTo(Map.of("ListObjectsV2", 1L, "HeadObject", 110L));
    assertThat(counted.requests).isEqualTo(111).isLessThan(asked.size());
  }

  @Test
  void namesWithoutOutputsCostOneListingPerBatch() throws IOException {
    bucket.put(urls("beats/track-%03d.json", 0, 100));
    List<String> asked = urls("beats/track-%03d.json", 100, 200);

    Counted counted = existing(asked);

    assertThat(counted.found).isEmpty();
    assertThat(counted.sent).isEqualTo(Map.of("ListObjectsV2", 1L));
    assertThat(counted.requests).isEqualTo(1);
  }

  @Test
  void aPrefixWhoseListingCostMoreIsLookedUpFromThenOn() throws IOException {
    bucket.put(urls("sparse/a-%03d", 0, 50));

    // "a-" holds 50 objects: listing it costs 1 + 50 requests, more than 4 lookups; learned.
    Counted first = existing(List.of(url("sparse/a-003"), url("sparse/a-047"), url("sparse/a-200"), url("sparse/a-201")));
    assertThat(first.found).containsExactlyInAnyOrder(url("sparse/a-003"), url("sparse/a-047"));
    assertThat(first.sent).isEqualTo(Map.of("ListObjectsV2", 1L, "HeadObject", 50L));
    assertThat(first.requests).isEqualTo(51);

    // The same prefix again: looked up, one request per name.
    Counted second = existing(List.of(url("sparse/a-010"), url("sparse/a-020"), url("sparse/a-300"), url("sparse/a-301")));
    assertThat(second.found).containsExactlyInAnyOrder(url("sparse/a-010"), url("sparse/a-020"));
    assertThat(second.sent).isEqualTo(Map.of("HeadObject", 4L));
    assertThat(second.requests).isEqualTo(4);

    // A longer prefix ("a-1") may still be cheap to list, and is listed.
    Counted third = existing(urls("sparse/a-%03d", 100, 150));
    assertThat(third.found).isEmpty();
    assertThat(third.sent).isEqualTo(Map.of("ListObjectsV2", 1L));
    assertThat(third.requests).isEqualTo(1);
  }

  private String url(String path) {
    return bucket.url(path);
  }

  private List<String> urls(String pattern, int from, int to) {
    List<String> urls = new ArrayList<>();
    for (int i = from; i < to; i++) {
      urls.add(bucket.url(String.format(pattern, i)));
    }
    return urls;
  }

  /** What {@code Storage.existing} answered, the requests it counted and those really sent. */
  private static Counted existing(List<String> locations) throws IOException {
    CountingS3ClientBuilderFactory.reset();
    AtomicLong requests = new AtomicLong();
    Set<String> found = Storage.existing(locations, requests::addAndGet);
    return new Counted(found, requests.get(), CountingS3ClientBuilderFactory.sent());
  }

  private record Counted(Set<String> found, long requests, Map<String, Long> sent) {}
}
