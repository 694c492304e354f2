package io.klio.dataflow;

import com.google.api.services.dataflow.model.DataflowPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.PackageUtil.StagedFile;
import org.apache.beam.runners.dataflow.util.Stager;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The DataflowRunner's stager ({@code --stagerClass}) for tests: it copies what the runner stages,
 * the jars and the portable pipeline proto, into the local directory given as {@code
 * --stagingLocation} instead of uploading them to Cloud Storage.
 */
public final class LocalStager implements Stager {
  private final Path directory;

  private LocalStager(Path directory) {
    this.directory = directory;
  }

  /** What the runner's stager factory calls. */
  public static LocalStager fromOptions(PipelineOptions options) {
    String staging = options.as(DataflowPipelineOptions.class).getStagingLocation();
    if (staging.contains("://")) {
      throw new IllegalArgumentException(
          "LocalStager stages into a local directory, but --stagingLocation is " + staging);
    }
    return new LocalStager(Path.of(staging));
  }

  @Override
  public List<DataflowPackage> stageFiles(List<StagedFile> filesToStage) {
    List<DataflowPackage> packages = new ArrayList<>();
    for (StagedFile file : filesToStage) {
      Path target = directory.resolve(file.getDestination());
      try {
        Files.createDirectories(directory);
        Files.copy(Path.of(file.getSource()), target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      packages.add(
          new DataflowPackage().setName(file.getDestination()).setLocation(target.toString()));
    }
    return packages;
  }

  @Override
  public DataflowPackage stageToFile(byte[] bytes, String baseName) {
    Path target = directory.resolve(baseName);
    try {
      Files.createDirectories(directory);
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DataflowPackage().setName(baseName).setLocation(target.toString());
  }
}
