package io.klio.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * The reference for the {@code dag} section: the six jobs of {@link SmallJobs} written by hand as
 * plain Beam, the way a careful engineer would without Klio. One {@code DoFn} takes each id through
 * the jobs in order; each job skips when its output file exists, reads its inputs from its parents'
 * files, and writes its output atomically (a temporary file, then an atomic rename). The outputs
 * are byte for byte Klio's.
 *
 * <pre>
 * java -cp klio-benchmarks-all.jar io.klio.benchmarks.HandWrittenDag IDS_FILE DATA_DIR [beam flags]
 * </pre>
 */
public final class HandWrittenDag {
  private HandWrittenDag() {}

  public static void main(String[] args) {
    String ids = args[0];
    String data = args[1];
    Pipeline pipeline =
        Pipeline.create(
            PipelineOptionsFactory.fromArgs(Arrays.copyOfRange(args, 2, args.length)).create());
    pipeline
        .apply("Element ids", TextIO.read().from(ids))
        .apply("Run the DAG", ParDo.of(new SixJobs(data)));
    pipeline.run().waitUntilFinish();
  }

  private static final class SixJobs extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final String data;

    SixJobs(String data) {
      this.data = data;
    }

    @ProcessElement
    public void process(@Element String line) throws IOException {
      String id = line.strip();
      if (id.isEmpty()) {
        return;
      }
      Path seed = output("seed", id, "txt");
      if (!Files.exists(seed)) {
        write(seed, "seed of " + id);
      }
      Path upper = output("upper", id, "txt");
      if (!Files.exists(upper)) {
        write(upper, read(seed).toUpperCase(Locale.ROOT));
      }
      Path length = output("length", id, "json");
      if (!Files.exists(length)) {
        write(length, read(seed).length() + "\n");
      }
      Path reverse = output("reverse", id, "txt");
      if (!Files.exists(reverse)) {
        write(reverse, new StringBuilder(read(upper)).reverse().toString());
      }
      Path combine = output("combine", id, "txt");
      if (!Files.exists(combine)) {
        write(combine, read(reverse) + " " + Integer.parseInt(read(length).strip()));
      }
      Path digest = output("digest", id, "txt");
      if (!Files.exists(digest)) {
        write(digest, Integer.toHexString(read(combine).hashCode()));
      }
    }

    private Path output(String job, String id, String extension) {
      return Path.of(data, job, id + "." + extension);
    }

    private static String read(Path file) throws IOException {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
  }

  /** Writes {@code value} to {@code file} atomically: a temporary file, then an atomic rename. */
  static void write(Path file, String value) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary =
        file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temporary, value, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
