package io.klio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request costs the existence check weighs; the S3 tests (module klio-s3) measure them. */
class ExistenceCheckTest {
  @Test
  void aListingCostsAPagePerThousandNames() {
    assertThat(ExistenceCheck.listingRequests("gs://b/out/", 0)).isEqualTo(1);
    assertThat(ExistenceCheck.listingRequests("gs://b/out/", 1_000)).isEqualTo(1);
    assertThat(ExistenceCheck.listingRequests("gs://b/out/", 1_001)).isEqualTo(2);
  }

  @Test
  void anS3ListingAlsoCostsAMetadataRequestPerListedObject() {
    assertThat(ExistenceCheck.listingRequests("s3://b/out/", 0)).isEqualTo(1);
    assertThat(ExistenceCheck.listingRequests("s3://b/out/", 110)).isEqualTo(111);
    assertThat(ExistenceCheck.listingRequests("s3://b/out/", 1_001)).isEqualTo(1_003);
  }

  @Test
  void lookupsAreBatchedByAHundredOnGcsOnly() {
    assertThat(ExistenceCheck.lookupRequests("gs://b/out/", 300)).isEqualTo(3);
    assertThat(ExistenceCheck.lookupRequests("s3://b/out/", 300)).isEqualTo(300);
  }
}
