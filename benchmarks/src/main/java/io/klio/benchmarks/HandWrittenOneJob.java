package io.klio.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * The reference for the {@code startup} section: {@link SmallJobs}'s {@code seed} job for one
 * element as a plain Beam pipeline of one {@code DoFn}, with the same skip check and atomic write.
 *
 * <pre>
 * java -cp klio-benchmarks-all.jar io.klio.benchmarks.HandWrittenOneJob ID DATA_DIR
 * </pre>
 */
public final class HandWrittenOneJob {
  private HandWrittenOneJob() {}

  public static void main(String[] args) {
    Pipeline pipeline =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs(Arrays.copyOfRange(args, 2, args.length)).create());
    pipeline.apply(Create.of(args[0])).apply(ParDo.of(new Seed(args[1])));
    pipeline.run().waitUntilFinish();
  }

  private static final class Seed extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final String data;

    Seed(String data) {
      this.data = data;
    }

    @ProcessElement
    public void process(@Element String id) throws IOException {
      Path output = Path.of(data, "seed", id + ".txt");
      if (Files.exists(output)) {
        return;
      }
      HandWrittenDag.write(output, "seed of " + id);
    }
  }
}
