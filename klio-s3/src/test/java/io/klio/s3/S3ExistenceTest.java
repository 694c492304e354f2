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
 * {@code Storage.existing} on S3, through {@link S3RangeListing}: the answer, and the requests it
 * counts, checked against the requests the S3 client really sent.
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
    // One listing page from the first name to the last answers all 300 names.
    assertThat(counted.sent).isEqualTo(Map.of("ListObjectsV2", 1L));
    assertThat(counted.requests).isEqualTo(1);
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
  void aListingOnlyPaysForTheKeysBetweenTheFirstAndTheLastName() throws IOException {
    bucket.put(urls("sparse/a-%04d", 0, 50));
    bucket.put(urls("sparse/b-%04d", 0, 1_500));

    // Four names among 50 objects: one page, although b- holds 1,500 more after them.
    Counted cheap =
        existing(
            List.of(
                url("sparse/a-0003"),
                url("sparse/a-0047"),
                url("sparse/a-0200"),
                url("sparse/a-0201")));
    assertThat(cheap.found).containsExactlyInAnyOrder(url("sparse/a-0003"), url("sparse/a-0047"));
    assertThat(cheap.sent).isEqualTo(Map.of("ListObjectsV2", 1L));
    assertThat(cheap.requests).isEqualTo(1);
  }

  @Test
  void aListingThatWouldCostMoreThanLookupsGivesUpForThem() throws IOException {
    bucket.put(urls("wide/b-%04d", 0, 1_500));

    // Two names with 1,500 objects between them: the listing may spend one request (less than two
    // lookups), its first page does not reach the last name, so the names are looked up.
    Counted wide = existing(List.of(url("wide/b-0000"), url("wide/b-1499")));
    assertThat(wide.found).containsExactlyInAnyOrder(url("wide/b-0000"), url("wide/b-1499"));
    assertThat(wide.sent).isEqualTo(Map.of("ListObjectsV2", 1L, "HeadObject", 2L));
    assertThat(wide.requests).isEqualTo(3);
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
