package io.klio.s3;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes Beam's S3 flags ({@code --s3ClientFactoryClass}, {@code --s3UploadBufferSizeBytes}, {@code
 * --SSEAlgorithm}, ...) known to the command line. Beam registers only the general AWS options
 * ({@code --endpoint}, {@code --awsRegion}, ...), so without this a run with an S3 flag stops with
 * "missing a property named 's3ClientFactoryClass'".
 */
public final class S3OptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3Options.class);
  }
}
