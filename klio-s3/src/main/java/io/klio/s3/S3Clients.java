package io.klio.s3;

import java.util.List;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client that {@link S3RangeListing} lists with, built from the same pipeline options
 * (endpoint, region, credentials, client factory) as Beam's own S3 file system. Beam hands every
 * {@link FileSystemRegistrar} the options whenever it sets up its file systems, in the launcher and
 * on each worker; this one registers no file system and only keeps the options.
 */
public final class S3Clients implements FileSystemRegistrar {
  private static S3Options options;
  private static S3Client client;

  @Override
  public Iterable<FileSystem<?>> fromOptions(PipelineOptions pipelineOptions) {
    configure(pipelineOptions.as(S3Options.class));
    return List.of();
  }

  private static synchronized void configure(S3Options newOptions) {
    if (client != null) {
      client.close();
    }
    options = newOptions;
    client = null;
  }

  static synchronized S3Client forCurrentOptions() {
    if (client == null) {
      if (options == null) {
        throw new IllegalStateException(
            "no S3 options: FileSystems.setDefaultPipelineOptions was not called");
      }
      S3ClientBuilderFactory factory =
          InstanceBuilder.ofType(S3ClientBuilderFactory.class)
              .fromClass(options.getS3ClientFactoryClass())
              .build();
      client = factory.createBuilder(options).build();
    }
    return client;
  }
}
