package io.klio.runtime.execution;

import io.klio.runtime.storage.Hashes;
import io.klio.runtime.storage.Locations;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;

/**
 * A small share of a run's element ids: either ids given one by one, or the lines of an id file
 * that start in a byte range. A slice is a few bytes until a worker reads it, so a run's ids are
 * never held in one place.
 *
 * @param file the id file; null for given ids
 * @param start the first byte of the range; for given ids, the position of the first in the run
 * @param end the byte after the range
 * @param ids the given ids; empty for a file range
 */
record IdSlice(String file, long start, long end, List<String> ids) implements Serializable {
  private static final int BUFFER = 64 * 1024;

  static IdSlice of(List<String> ids) {
    return of(ids, 0);
  }

  static IdSlice of(List<String> ids, long position) {
    return new IdSlice(null, position, position, List.copyOf(ids));
  }

  /** A name for what this slice holds, that sorts slices of a run in the order of their ids. */
  String name() {
    return String.format(
        "%s-%019d", file == null ? "ids" : Hashes.sha256(file).substring(0, 16), start);
  }

  static IdSlice range(String file, long start, long end) {
    return new IdSlice(file, start, end, List.of());
  }

  /**
   * The ids of this slice. A line belongs to the range its first byte is in, so ranges that tile a
   * file read every line once. Blank lines and lines starting with {@code #} are skipped.
   */
  List<String> read() throws IOException {
    if (file == null) {
      return ids;
    }
    List<String> read = new ArrayList<>();
    try (ReadableByteChannel channel =
        FileSystems.open(FileSystems.matchNewResource(file, false))) {
      long position = Math.max(0, start - 1);
      InputStream in = from(channel, position);
      if (start > 0) {
        // The byte before the range tells whether a line starts at `start`; the rest of a line
        // that started earlier belongs to the range before.
        int b;
        do {
          b = in.read();
          position++;
        } while (b != -1 && b != '\n');
      }
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b = 0;
      while (position < end && b != -1) {
        line.reset();
        while ((b = in.read()) != -1 && b != '\n') {
          line.write(b);
        }
        position += line.size() + (b == -1 ? 0 : 1);
        String id = Locations.idInLine(line.toString(StandardCharsets.UTF_8));
        if (id != null) {
          read.add(id);
        }
      }
    }
    return read;
  }

  private static InputStream from(ReadableByteChannel channel, long position) throws IOException {
    if (channel instanceof SeekableByteChannel seekable) {
      seekable.position(position);
      return new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
    }
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
    in.skipNBytes(position);
    return in;
  }

  @Override
  public String toString() {
    return file == null ? ids.size() + " given id(s)" : file + " bytes " + start + "-" + end;
  }
}
