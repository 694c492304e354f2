package io.klio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request costs the existence check weighs; the S3 tests (module klio-s3) measure S3's. */
class ExistenceCheckTest {
  @Test
  void aGcsListingCostsAPagePerThousandNames() {
    assertThat(ExistenceCheck.listingRequests(0)).isEqualTo(1);
    assertThat(ExistenceCheck.listingRequests(1_000)).isEqualTo(1);
    assertThat(ExistenceCheck.listingRequests(1_001)).isEqualTo(2);
  }

  @Test
  void lookupsAreBatchedByAHundredOnGcsOnly() {
    assertThat(ExistenceCheck.lookupRequests("gs://b/out/", 300)).isEqualTo(3);
    assertThat(ExistenceCheck.lookupRequests("s3://b/out/", 300)).isEqualTo(300);
  }
}
