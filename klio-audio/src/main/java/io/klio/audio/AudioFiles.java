package io.klio.audio;

import io.klio.audio.wav.WavFormat;
import io.klio.audio.wav.WavWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing clips as local files, for tools, tests and benchmarks. */
public final class AudioFiles {
  private AudioFiles() {}

  /** Reads a WAV, FLAC or MP3 file (see {@link AudioClipCodec#decode}). */
  public static AudioClip read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new AudioClipCodec().decode(in);
    }
  }

  /** Writes a WAV file in the given sample format. */
  public static void writeWav(Path file, AudioClip clip, WavFormat format) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      WavWriter.write(clip, format, out);
    }
  }
}
