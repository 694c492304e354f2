package io.klio.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client, addressing buckets by path ({@code http://host:port/bucket/key}) rather than by
 * host name ({@code http://bucket.host:port/key}). S3-compatible servers such as MinIO, Ceph and
 * S3Proxy, reached at an {@code --endpoint} without a wildcard DNS name, only understand the path
 * style, and Beam has no option for it. Select it with {@code
 * --s3ClientFactoryClass=io.klio.s3.PathStyleS3ClientBuilderFactory}; AWS S3 itself needs no such
 * flag.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  private final S3ClientBuilderFactory defaults = new DefaultS3ClientBuilderFactory();

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return defaults.createBuilder(options).forcePathStyle(true);
  }
}
