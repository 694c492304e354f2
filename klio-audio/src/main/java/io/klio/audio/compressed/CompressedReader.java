package io.klio.audio.compressed;

import io.klio.audio.AudioClip;
import io.klio.codec.CodecException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;
import javax.sound.sampled.spi.FormatConversionProvider;
import org.jflac.sound.spi.FlacAudioFileReader;
import org.jflac.sound.spi.FlacFormatConversionProvider;

/**
 * Decodes FLAC (jflac 1.5.2) and MP3 (JLayer/mp3spi 1.9.5.4) into {@link AudioClip}s.
 *
 * <p>Both libraries are pure-Java {@code javax.sound} service providers. They are called directly
 * rather than through {@code AudioSystem}'s service lookup, so decoding also works in shaded jars
 * and on workers whose class loaders hide {@code META-INF/services}. Read only: Klio writes clips
 * as WAV (see {@link io.klio.audio.AudioClipCodec}).
 *
 * <p>FLAC of 8, 16 and 24 bits is decoded exactly. MP3 is decoded in floating point, within the
 * limits of ISO/IEC 11172-4 for a decoder of full accuracy against ffmpeg's; like every MP3 decoder
 * it adds the encoder's priming delay at the start (about 1105 samples for LAME) unless the file's
 * gapless info is honoured, which JLayer does not do.
 */
public final class CompressedReader {
  private CompressedReader() {}

  /** Reads a whole FLAC stream. */
  public static AudioClip readFlac(InputStream in) throws IOException {
    return read(in, new FlacAudioFileReader(), new FlacFormatConversionProvider(), "FLAC");
  }

  /**
   * Reads a whole MP3 stream (MPEG-1/2 layer III) at full precision, at the level other decoders
   * give it (see {@link Mp3Decoder}).
   */
  public static AudioClip readMp3(InputStream in) throws IOException {
    return Mp3Decoder.decode(in);
  }

  private static AudioClip read(
      InputStream in, AudioFileReader reader, FormatConversionProvider converter, String what)
      throws IOException {
    InputStream marked = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
    AudioInputStream source;
    try {
      source = reader.getAudioInputStream(marked);
    } catch (UnsupportedAudioFileException e) {
      throw new CodecException("corrupt " + what + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) { // garbage sends decoders past their mark, say
      throw new CodecException("corrupt " + what + ": decoder failed reading the header: " + e, e);
    }
    AudioFormat sf = source.getFormat();
    int bits = sf.getSampleSizeInBits();
    if (bits != 8 && bits != 16 && bits != 24) {
      bits = 16;
    }
    int ch = sf.getChannels();
    float rate = sf.getSampleRate();
    if (ch <= 0 || rate <= 0) {
      throw new CodecException("corrupt " + what + ": " + ch + " channels at " + rate + " Hz");
    }
    AudioFormat target =
        new AudioFormat(
            AudioFormat.Encoding.PCM_SIGNED, rate, bits, ch, ch * bits / 8, rate, false);
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    try (AudioInputStream decoded =
        sf.getEncoding().equals(AudioFormat.Encoding.PCM_SIGNED)
                && !sf.isBigEndian()
                && sf.getSampleSizeInBits() == bits
            ? source
            : converter.getAudioInputStream(target, source)) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = decoded.read(buf)) > 0) {
        pcm.write(buf, 0, r);
      }
    } catch (IllegalArgumentException e) {
      throw new CodecException("unsupported " + what + ": cannot convert " + sf + " to PCM", e);
    } catch (RuntimeException e) {
      throw new CodecException("corrupt " + what + ": decoder failed: " + e, e);
    }
    byte[] bytes = pcm.toByteArray();
    int bps = bits / 8;
    int frames = bytes.length / (bps * ch);
    if (frames == 0) {
      throw new CodecException("corrupt " + what + ": no audio frames decoded");
    }
    float[][] out = new float[ch][frames];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < ch; c++) {
        float v;
        if (bps == 1) {
          v = b.get() / 128f;
        } else if (bps == 2) {
          v = b.getShort() / 32768f;
        } else {
          int lo = b.get() & 0xFF;
          int mid = b.get() & 0xFF;
          int hi = b.get();
          v = ((hi << 16) | (mid << 8) | lo) / 8388608f;
        }
        out[c][i] = v;
      }
    }
    return AudioClip.wrap(Math.round(rate), out);
  }
}
