package io.klio.testing;

import io.klio.runtime.cli.RunListener;
import io.klio.runtime.execution.DeadLetter;
import io.klio.runtime.execution.DeadLetterCoder;
import io.klio.runtime.execution.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps what a run tells its listener: the counters, and every dead letter, which a transform
 * beside the run's own sink writes to a folder of this run (a file each, with the pipeline's
 * coder). Files, not memory: the runner serializes transforms, and a static collection would be
 * shared by every test in the JVM.
 */
final class DeadLetterCapture implements RunListener {
  private final Path folder;
  private volatile RunSummary summary;

  DeadLetterCapture(Path folder) {
    this.folder = folder;
  }

  @Override
  public void deadLetters(PCollection<DeadLetter> letters) {
    letters.apply("Keep dead letters for the test", ParDo.of(new StoreLetter(folder.toString())));
  }

  @Override
  public void finished(RunSummary summary, PipelineResult.State state) {
    this.summary = summary;
  }

  RunSummary summary() {
    return summary;
  }

  /** The letters, by job and element. */
  List<DeadLetter> letters() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<DeadLetter> letters = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          letters.add(DeadLetterCoder.of().decode(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dead letters in " + folder, e);
    }
    letters.sort(
        Comparator.comparing(DeadLetter::job)
            .thenComparing(letter -> String.valueOf(letter.elementId())));
    return letters;
  }

  private static final class StoreLetter extends DoFn<DeadLetter, Void> {
    private static final long serialVersionUID = 1L;
    private final String folder;

    StoreLetter(String folder) {
      this.folder = folder;
    }

    @ProcessElement
    public void process(@Element DeadLetter letter) throws IOException {
      Path dir = Files.createDirectories(Paths.get(folder));
      try (OutputStream out = Files.newOutputStream(dir.resolve(UUID.randomUUID() + ".letter"))) {
        DeadLetterCoder.of().encode(letter, out);
      }
    }
  }
}
