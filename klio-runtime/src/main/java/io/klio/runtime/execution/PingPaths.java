package io.klio.runtime.execution;

import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where a ping leaves the path of each id: a folder with a text file per slice of ids, one line per
 * id. Workers write the files (the folder is on a store every worker reaches: local for the
 * DirectRunner, the run's temporary location elsewhere), so a ping over millions of ids holds no
 * more than a slice's lines anywhere; a rerun of a slice overwrites its own file.
 */
public final class PingPaths {
  private PingPaths() {}

  static void write(String folder, IdSlice slice, List<String> lines) throws IOException {
    Storage.writeSmall(
        folder + "/" + slice.name() + ".txt",
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        RequestCounter.NONE);
  }

  /**
   * Up to {@code limit} lines of the folder, in the order of the run's ids.
   *
   * @return the lines, and how many there are in all
   */
  public static Lines read(String folder, int limit) throws IOException {
    MatchResult match =
        FileSystems.match(List.of(folder + "/*.txt"), EmptyMatchTreatment.ALLOW).get(0);
    List<ResourceId> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      match.metadata().forEach(m -> files.add(m.resourceId()));
    }
    files.sort((a, b) -> a.getFilename().compareTo(b.getFilename()));
    List<String> shown = new ArrayList<>();
    long total = 0;
    for (ResourceId file : files) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Storage.open(file.toString()), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isEmpty() && total++ < limit) {
            shown.add(line);
          }
        }
      }
    }
    return new Lines(shown, total);
  }

  /** Lines shown of all there are. */
  public record Lines(List<String> shown, long total) {}
}
