package io.klio.runtime.execution;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The element ids of a run as {@link IdSlice}s spread over the workers. Ids given one by one are
 * cut into slices in the launcher (there are few). Id files ({@code --ids}: a path, a glob or an
 * object-store path) are only matched and cut into byte ranges of about one batch each; the worker
 * that gets a range reads it. Consecutive lines stay together, so a sorted id file gives batches
 * whose outputs share a name prefix, which object stores can list at once.
 */
final class IdSlices extends PTransform<PBegin, PCollection<IdSlice>> {
  private static final long serialVersionUID = 1L;

  /** Bytes per id assumed when cutting files into ranges of about one batch. */
  static final long BYTES_PER_ID = 32;

  private final List<String> ids;
  private final String filePattern; // nullable
  private final int batchSize;

  IdSlices(List<String> ids, String filePattern, int batchSize) {
    this.ids = List.copyOf(ids);
    this.filePattern = filePattern;
    this.batchSize = batchSize;
  }

  @Override
  public PCollection<IdSlice> expand(PBegin begin) {
    SerializableCoder<IdSlice> coder = SerializableCoder.of(IdSlice.class);
    List<PCollection<IdSlice>> parts = new ArrayList<>();
    if (!ids.isEmpty()) {
      List<IdSlice> slices = new ArrayList<>();
      for (int start = 0; start < ids.size(); start += batchSize) {
        slices.add(IdSlice.of(ids.subList(start, Math.min(ids.size(), start + batchSize)), start));
      }
      parts.add(begin.apply("Given ids", Create.of(slices).withCoder(coder)));
    }
    if (filePattern != null) {
      parts.add(
          begin
              .apply(
                  "Match id files",
                  FileIO.match()
                      .filepattern(filePattern)
                      .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
              .apply("Cut into ranges", ParDo.of(new CutIntoRanges(batchSize * BYTES_PER_ID)))
              .setCoder(coder)
              .apply("Spread ranges", Reshuffle.viaRandomKey()));
    }
    return parts.size() == 1
        ? parts.get(0)
        : PCollectionList.of(parts).apply("All ids", Flatten.pCollections()).setCoder(coder);
  }

  /** A matched file to slices of {@code rangeBytes} each. */
  private static final class CutIntoRanges extends DoFn<MatchResult.Metadata, IdSlice> {
    private static final long serialVersionUID = 1L;
    private final long rangeBytes;

    CutIntoRanges(long rangeBytes) {
      this.rangeBytes = rangeBytes;
    }

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<IdSlice> out) {
      String name = file.resourceId().toString();
      long size = file.sizeBytes();
      for (long start = 0; start < size; start += rangeBytes) {
        out.output(IdSlice.range(name, start, Math.min(size, start + rangeBytes)));
      }
    }
  }
}
