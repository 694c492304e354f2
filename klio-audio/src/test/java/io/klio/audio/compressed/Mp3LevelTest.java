package io.klio.audio.compressed;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.AudioFiles;
import io.klio.audio.synth.Synth;
import io.klio.audio.wav.WavFormat;
import io.klio.testsupport.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MP3 decoded at the level ffmpeg decodes it: the same file through both decoders, aligned (the
 * decoders skip different amounts of the encoder's priming delay), compared sample by sample.
 * ISO/IEC 11172-4 calls a decoder accurate when its output differs from the reference by at most
 * 2^-15/sqrt(12) RMS of full scale (a 16-bit decoder's own rounding) and 2^-14 at any sample.
 */
class Mp3LevelTest {
  private static final double FULL_ACCURACY_RMS = Math.pow(2, -15) / Math.sqrt(12);
  private static final double FULL_ACCURACY_MAX = Math.pow(2, -14);

  @TempDir Path tmp;

  @Test
  void decodesAtFfmpegsLevelWithinTheStandardsLimit() throws Exception {
    Path wav = tmp.resolve("tone.wav");
    AudioFiles.writeWav(wav, Synth.tone(44100, 2, 997, -3), WavFormat.PCM_16);
    Path mp3 = tmp.resolve("tone.mp3");
    Commands.run(
        "ffmpeg", "-y", "-v", "error", "-i", wav.toString(), "-b:a", "320k", mp3.toString());
    Path raw = tmp.resolve("ffmpeg.f32");
    Commands.run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-i",
        mp3.toString(),
        "-f",
        "f32le",
        "-ac",
        "1",
        raw.toString());
    float[] reference = floats(raw);
    float[] ours;
    try (InputStream in = Files.newInputStream(mp3)) {
      ours = CompressedReader.readMp3(in).channel(0);
    }

    int lag = bestLag(reference, ours, 3000);
    // compare the steady middle: the encoder's own ramps at both ends are decoded alike
    int from = 8192;
    int to = Math.min(reference.length, ours.length - lag) - 8192;
    double levelDb = 20 * Math.log10(rms(ours, lag, from, to) / rms(reference, 0, from, to));
    double errorSquares = 0;
    double errorMax = 0;
    for (int i = from; i < to; i++) {
      double error = ours[i + lag] - reference[i];
      errorSquares += error * error;
      errorMax = Math.max(errorMax, Math.abs(error));
    }
    double errorRms = Math.sqrt(errorSquares / (to - from));

    System.out.printf(
        "MP3 against ffmpeg: level %+.5f dB, error %.2e RMS (limit %.2e), %.2e max (limit %.2e)%n",
        levelDb, errorRms, FULL_ACCURACY_RMS, errorMax, FULL_ACCURACY_MAX);
    assertThat(Math.abs(levelDb)).as("level difference, dB").isLessThan(0.001);
    assertThat(errorRms).as("RMS difference").isLessThan(FULL_ACCURACY_RMS);
    assertThat(errorMax).as("largest difference").isLessThan(FULL_ACCURACY_MAX);
  }

  /**
   * The shift of {@code b} against {@code a}, within {@code most} samples, that best aligns them.
   */
  private static int bestLag(float[] a, float[] b, int most) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int lag = -most; lag <= most; lag++) {
      double score = 0;
      for (int i = 10_000; i < 30_000; i++) {
        int j = i + lag;
        if (j >= 0 && j < b.length && i < a.length) {
          score += a[i] * b[j];
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    return best;
  }

  private static double rms(float[] x, int offset, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) x[i + offset] * x[i + offset];
    }
    return Math.sqrt(sum / (to - from));
  }

  private static float[] floats(Path raw) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }
}
