package io.klio.audio.wav;

import io.klio.audio.AudioClip;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes {@link AudioClip}s as RIFF/WAVE.
 *
 * <p>Integer formats are written by scaling by 2<sup>bits-1</sup>, rounding to nearest and clipping
 * to the integer range (no dither), so a sample {@code k / 32768f} survives a 16-bit round trip
 * exactly. Float formats are written as they are, including values beyond full scale.
 *
 * <p>The header uses the classic format tags (1 = PCM, 3 = IEEE float, with a {@code fact} chunk
 * for float) for mono and stereo, and {@code WAVE_FORMAT_EXTENSIBLE} for more than two channels, as
 * Microsoft's guidance asks; {@link #write(AudioClip, WavFormat, boolean, OutputStream)} forces
 * either. Multichannel files get the standard channel mask for 3 to 8 channels (e.g. 5.1 = FL FR FC
 * LFE BL BR) and none beyond.
 */
public final class WavWriter {
  private WavWriter() {}

  /** Writes {@code clip} in {@code format}; extensible header only for more than two channels. */
  public static void write(AudioClip clip, WavFormat format, OutputStream out) throws IOException {
    write(clip, format, clip.channelCount() > 2, out);
  }

  /**
   * Writes {@code clip} in {@code format}, with or without a {@code WAVE_FORMAT_EXTENSIBLE} header.
   */
  public static void write(AudioClip clip, WavFormat format, boolean extensible, OutputStream out)
      throws IOException {
    int ch = clip.channelCount();
    int bps = format.bytesPerSample();
    int block = ch * bps;
    long frames = clip.frameCount();
    long dataSize = frames * block;
    boolean fact = format.isFloat() && !extensible;
    int fmtSize = extensible ? 40 : (format.isFloat() ? 18 : 16);
    long riffSize = 4 + (8 + fmtSize) + (fact ? 12 : 0) + 8 + dataSize + (dataSize & 1);
    if (riffSize > 0xFFFFFFFFL) {
      throw new IOException("clip too long for a WAV file (" + dataSize + " data bytes > 4 GiB)");
    }
    ByteBuffer h =
        ByteBuffer.allocate(12 + 8 + fmtSize + (fact ? 12 : 0) + 8).order(ByteOrder.LITTLE_ENDIAN);
    h.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
    h.put(ascii("fmt ")).putInt(fmtSize);
    int tag = format.isFloat() ? WavReader.TAG_FLOAT : WavReader.TAG_PCM;
    h.putShort((short) (extensible ? WavReader.TAG_EXTENSIBLE : tag));
    h.putShort((short) ch).putInt(clip.sampleRate()).putInt(clip.sampleRate() * block);
    h.putShort((short) block).putShort((short) format.bitsPerSample());
    if (extensible) {
      h.putShort((short) 22).putShort((short) format.bitsPerSample()).putInt(channelMask(ch));
      h.putShort((short) tag)
          .put(
              new byte[] {
                0x00,
                0x00,
                0x00,
                0x00,
                0x10,
                0x00,
                (byte) 0x80,
                0x00,
                0x00,
                (byte) 0xAA,
                0x00,
                0x38,
                (byte) 0x9B,
                0x71
              });
    } else if (format.isFloat()) {
      h.putShort((short) 0);
    }
    if (fact) {
      h.put(ascii("fact")).putInt(4).putInt((int) frames);
    }
    h.put(ascii("data")).putInt((int) dataSize);
    out.write(h.array(), 0, h.position());

    int bufFrames = Math.max(1, (1 << 16) / block);
    byte[] b = new byte[bufFrames * block];
    for (int start = 0; start < frames; start += bufFrames) {
      int n = (int) Math.min(bufFrames, frames - start);
      for (int c = 0; c < ch; c++) {
        encode(clip, c, start, n, format, b, c * bps, block);
      }
      out.write(b, 0, n * block);
    }
    if ((dataSize & 1) == 1) {
      out.write(0);
    }
  }

  private static final VarHandle SHORT = le(short[].class);
  private static final VarHandle INT = le(int[].class);
  private static final VarHandle FLOAT = le(float[].class);
  private static final VarHandle DOUBLE = le(double[].class);

  private static VarHandle le(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Encodes frames {@code from .. from + n} of channel {@code c} into every {@code step}-th byte of
   * {@code b} from {@code at}: one loop per format, so the per-sample work is a quantisation and a
   * store.
   */
  private static void encode(
      AudioClip clip, int c, int from, int n, WavFormat f, byte[] b, int at, int step) {
    int j = at;
    switch (f) {
      case PCM_8:
        for (int i = from; i < from + n; i++, j += step) {
          b[j] = (byte) (quantise(clip.sample(c, i), 128) + 128);
        }
        break;
      case PCM_16:
        for (int i = from; i < from + n; i++, j += step) {
          SHORT.set(b, j, (short) quantise(clip.sample(c, i), 32768));
        }
        break;
      case PCM_24:
        for (int i = from; i < from + n; i++, j += step) {
          int s = quantise(clip.sample(c, i), 8388608);
          b[j] = (byte) s;
          b[j + 1] = (byte) (s >> 8);
          b[j + 2] = (byte) (s >> 16);
        }
        break;
      case PCM_32:
        for (int i = from; i < from + n; i++, j += step) {
          INT.set(b, j, quantise(clip.sample(c, i), 2147483648.0));
        }
        break;
      case FLOAT_32:
        for (int i = from; i < from + n; i++, j += step) {
          FLOAT.set(b, j, clip.sample(c, i));
        }
        break;
      case FLOAT_64:
        for (int i = from; i < from + n; i++, j += step) {
          DOUBLE.set(b, j, (double) clip.sample(c, i));
        }
        break;
      default:
        throw new IllegalStateException(f.toString());
    }
  }

  private static int quantise(float v, double scale) {
    double s = Math.rint(v * scale);
    if (s >= scale) {
      return (int) (scale - 1);
    }
    if (s < -scale) {
      return (int) -scale;
    }
    return (int) s;
  }

  private static int channelMask(int channels) {
    switch (channels) {
      case 1:
        return 0x4; // FC
      case 2:
        return 0x3; // FL FR
      case 3:
        return 0x7; // FL FR FC
      case 4:
        return 0x33; // FL FR BL BR
      case 5:
        return 0x37; // FL FR FC BL BR
      case 6:
        return 0x3F; // FL FR FC LFE BL BR
      case 7:
        return 0x13F; // 6.1
      case 8:
        return 0x63F; // 7.1
      default:
        return 0;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
