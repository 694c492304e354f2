package io.klio.runtime.execution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input that fails once more than {@code limit} bytes were read from it, so that an oversized
 * file becomes a dead letter after at most {@code limit} bytes, whatever the codec would have made
 * of it (a decoder that trusts a header may try to hold all of it in memory).
 */
final class SizeLimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String location;
  private long read;
  private boolean exceeded;

  SizeLimitedInputStream(InputStream in, long limit, String location) {
    super(in);
    this.limit = limit;
    this.location = location;
  }

  /** Whether the input turned out larger than the limit. */
  boolean exceeded() {
    return exceeded;
  }

  /** The reason an oversized input fails its element. */
  String reason() {
    return location + " has more than " + limit + " bytes (the job's maxInputBytes)";
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false; // a reset would make bytes count twice
  }

  private void count(long bytes) throws IOException {
    read += bytes;
    if (read > limit) {
      exceeded = true;
      throw new IOException(reason());
    }
  }
}
