package io.klio.s3;

import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A child JVM for the kill test: {@code LOCATION BYTES [Beam options]} writes {@code BYTES}
 * deterministic bytes to {@code LOCATION} with {@code Storage.writeAtomically}, and prints {@code
 * encoded} once the value is encoded and the upload begins.
 */
public final class LargeObjectWriter {
  private LargeObjectWriter() {}

  public static void main(String[] args) throws IOException {
    FileSystems.setDefaultPipelineOptions(
        PipelineOptionsFactory.fromArgs(Arrays.copyOfRange(args, 2, args.length)).create());
    long size = Long.parseLong(args[1]);
    Storage.writeAtomically(
        args[0],
        out -> {
          write(size, out);
          System.out.println("encoded");
          System.out.flush();
        });
    System.out.println("written");
  }

  /** {@code size} bytes of a fixed pattern that a shifted or truncated copy cannot match. */
  static void write(long size, OutputStream out) throws IOException {
    byte[] block = new byte[1 << 16];
    for (long offset = 0; offset < size; offset += block.length) {
      for (int i = 0; i < block.length; i += 8) {
        long position = offset + i;
        for (int b = 0; b < 8; b++) {
          block[i + b] = (byte) (position >>> (8 * b));
        }
      }
      out.write(block, 0, (int) Math.min(block.length, size - offset));
    }
  }
}
