package io.klio.runtime.execution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The element ids of a run as batches, each under a key of its own. Ids given one by one are
 * batched in the launcher (there are few). Ids in files ({@code --ids}: a path, a glob or an
 * object-store path) are read by the pipeline itself and never held by the launcher: each file is
 * cut into byte ranges, the ranges are spread over the workers, and each worker reads its ranges
 * into batches. A line belongs to the range its first byte is in, so every id is read once.
 * Consecutive lines stay in one batch, so a sorted id file gives batches whose outputs share a
 * prefix, which stores can list at once.
 */
final class IdBatches extends PTransform<PBegin, PCollection<KV<String, List<String>>>> {
  private static final long serialVersionUID = 1L;

  /** The counter of ids read, namespace {@code klio}. */
  static final String IDS_READ = "ids-read";

  /** Bytes of an id file one worker reads at a time. */
  static final long RANGE_BYTES = 256 * 1024;

  private final List<String> ids;
  private final String filePattern; // nullable
  private final int batchSize;

  IdBatches(List<String> ids, String filePattern, int batchSize) {
    this.ids = List.copyOf(ids);
    this.filePattern = filePattern;
    this.batchSize = batchSize;
  }

  @Override
  public PCollection<KV<String, List<String>>> expand(PBegin begin) {
    KvCoder<String, List<String>> coder = KvCoder.of(StringUtf8Coder.of(), ListCoder.of(StringUtf8Coder.of()));
    List<PCollection<KV<String, List<String>>>> parts = new ArrayList<>();
    if (!ids.isEmpty()) {
      List<KV<String, List<String>>> batches = new ArrayList<>();
      for (int start = 0; start < ids.size(); start += batchSize) {
        batches.add(KV.of("ids@" + start, ids.subList(start, Math.min(ids.size(), start + batchSize))));
      }
      parts.add(
          begin
              .apply("Given ids", Create.of(batches).withCoder(coder))
              .apply("Count given ids", ParDo.of(new CountIds())));
    }
    if (filePattern != null) {
      parts.add(
          begin
              .apply("Match id files", FileIO.match().filepattern(filePattern)
                  .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
              .apply("Cut into ranges", ParDo.of(new CutIntoRanges()))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
              .apply("Spread ranges", Reshuffle.viaRandomKey())
              .apply("Read ranges", ParDo.of(new ReadRange(batchSize)))
              .setCoder(coder));
    }
    return parts.size() == 1
        ? parts.get(0).setCoder(coder)
        : PCollectionList.of(parts).apply("All ids", Flatten.pCollections()).setCoder(coder);
  }

  private static final class CountIds extends DoFn<KV<String, List<String>>, KV<String, List<String>>> {
    private static final long serialVersionUID = 1L;
    private final Counter read = Metrics.counter("klio", IDS_READ);

    @ProcessElement
    public void process(@Element KV<String, List<String>> batch, OutputReceiver<KV<String, List<String>>> out) {
      read.inc(batch.getValue().size());
      out.output(batch);
    }
  }

  /** A matched file to (file, (start, end)) byte ranges. */
  private static final class CutIntoRanges extends DoFn<MatchResult.Metadata, KV<String, KV<Long, Long>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element MatchResult.Metadata file, OutputReceiver<KV<String, KV<Long, Long>>> out) {
      String name = file.resourceId().toString();
      long size = file.sizeBytes();
      for (long start = 0; start < size; start += RANGE_BYTES) {
        out.output(KV.of(name, KV.of(start, Math.min(size, start + RANGE_BYTES))));
      }
    }
  }

  /** Reads the lines that start in one byte range into batches of ids. */
  private static final class ReadRange extends DoFn<KV<String, KV<Long, Long>>, KV<String, List<String>>> {
    private static final long serialVersionUID = 1L;
    private final int batchSize;
    private final Counter read = Metrics.counter("klio", IDS_READ);

    ReadRange(int batchSize) {
      this.batchSize = batchSize;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<Long, Long>> range, OutputReceiver<KV<String, List<String>>> out)
        throws IOException {
      String file = range.getKey();
      long start = range.getValue().getKey();
      long end = range.getValue().getValue();
      List<String> batch = new ArrayList<>();
      int batches = 0;
      try (ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(file, false))) {
        long position = Math.max(0, start - 1);
        InputStream in = seek(channel, position);
        if (start > 0) {
          // The byte before the range tells whether a line starts at `start`; skip the rest of
          // a line that started earlier (it belongs to the range before).
          int b;
          do {
            b = in.read();
            position++;
          } while (b != -1 && b != '\n');
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (position < end) {
          line.reset();
          int b;
          while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
          }
          position += line.size() + (b == -1 ? 0 : 1);
          String id = line.toString(StandardCharsets.UTF_8).strip();
          if (!id.isEmpty() && !id.startsWith("#")) {
            batch.add(id);
            if (batch.size() == batchSize) {
              out.output(KV.of(file + "@" + start + "#" + batches++, batch));
              read.inc(batch.size());
              batch = new ArrayList<>();
            }
          }
          if (b == -1) {
            break;
          }
        }
      }
      if (!batch.isEmpty()) {
        out.output(KV.of(file + "@" + start + "#" + batches, batch));
        read.inc(batch.size());
      }
    }
  }

  /** A buffered stream over {@code channel} from {@code position} on. */
  private static InputStream seek(ReadableByteChannel channel, long position) throws IOException {
    if (channel instanceof SeekableByteChannel seekable) {
      seekable.position(position);
      return new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    }
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    in.skipNBytes(position);
    return in;
  }
}
