package io.klio.audio.wav;

import io.klio.audio.AudioClip;
import java.io.IOException;
import java.io.OutputStream;
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
 * for float) for mono and stereo, and {@code WAVE_FORMAT_EXTENSIBLE} for more than two channels,
 * as Microsoft's guidance asks; {@link #write(AudioClip, WavFormat, boolean, OutputStream)} forces
 * either. Multichannel files get the standard channel mask for 3 to 8 channels (e.g. 5.1 = FL FR
 * FC LFE BL BR) and none beyond.
 */
public final class WavWriter {
  private WavWriter() {}

  /** Writes {@code clip} in {@code format}; extensible header only for more than two channels. */
  public static void write(AudioClip clip, WavFormat format, OutputStream out) throws IOException {
    write(clip, format, clip.channelCount() > 2, out);
  }

  /** Writes {@code clip} in {@code format}, with or without a {@code WAVE_FORMAT_EXTENSIBLE} header. */
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
    ByteBuffer h = ByteBuffer.allocate(12 + 8 + fmtSize + (fact ? 12 : 0) + 8)
        .order(ByteOrder.LITTLE_ENDIAN);
    h.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
    h.put(ascii("fmt ")).putInt(fmtSize);
    int tag = format.isFloat() ? WavReader.TAG_FLOAT : WavReader.TAG_PCM;
    h.putShort((short) (extensible ? WavReader.TAG_EXTENSIBLE : tag));
    h.putShort((short) ch).putInt(clip.sampleRate()).putInt(clip.sampleRate() * block);
    h.putShort((short) block).putShort((short) format.bitsPerSample());
    if (extensible) {
      h.putShort((short) 22).putShort((short) format.bitsPerSample()).putInt(channelMask(ch));
      h.putShort((short) tag).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80,
        0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
    } else if (format.isFloat()) {
      h.putShort((short) 0);
    }
    if (fact) {
      h.put(ascii("fact")).putInt(4).putInt((int) frames);
    }
    h.put(ascii("data")).putInt((int) dataSize);
    out.write(h.array(), 0, h.position());

    int bufFrames = Math.max(1, (1 << 16) / block);
    ByteBuffer b = ByteBuffer.allocate(bufFrames * block).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < frames; start += bufFrames) {
      int end = (int) Math.min(frames, (long) start + bufFrames);
      b.clear();
      for (int i = start; i < end; i++) {
        for (int c = 0; c < ch; c++) {
          encode(b, format, clip.sample(c, i));
        }
      }
      out.write(b.array(), 0, b.position());
    }
    if ((dataSize & 1) == 1) {
      out.write(0);
    }
  }

  private static void encode(ByteBuffer b, WavFormat f, float v) {
    switch (f) {
      case PCM_8:
        b.put((byte) (quantise(v, 128) + 128));
        break;
      case PCM_16:
        b.putShort((short) quantise(v, 32768));
        break;
      case PCM_24: {
        int s = quantise(v, 8388608);
        b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
        break;
      }
      case PCM_32:
        b.putInt(quantise(v, 2147483648.0));
        break;
      case FLOAT_32:
        b.putFloat(v);
        break;
      case FLOAT_64:
        b.putDouble(v);
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
