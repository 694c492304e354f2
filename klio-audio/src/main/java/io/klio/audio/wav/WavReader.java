package io.klio.audio.wav;

import io.klio.audio.AudioClip;
import io.klio.codec.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads RIFF/WAVE files into {@link AudioClip}s.
 *
 * <p>Supported: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits, with
 * either the classic format tags (1 = PCM, 3 = IEEE float) or {@code WAVE_FORMAT_EXTENSIBLE}
 * (0xFFFE) with the PCM or float sub-format GUID; any channel count and sample rate. Chunks other
 * than {@code fmt } and {@code data} (LIST, fact, cue, bext, ...) are skipped.
 *
 * <p>Everything else is a {@link CodecException} whose message says what is wrong: not RIFF/WAVE, a
 * compressed format (ADPCM, A-law, ...), a data chunk before the format chunk, an inconsistent
 * block alignment, or a file that ends before the sizes it declares. A data size of {@code
 * 0xFFFFFFFF} or 0 (written by tools that stream WAV to a pipe) means "until the end of the
 * stream". The stream is read only up to the end of the data chunk and never closed.
 */
public final class WavReader {
  static final int TAG_PCM = 1;
  static final int TAG_FLOAT = 3;
  static final int TAG_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /** Reads a whole WAV file. */
  public static AudioClip read(InputStream in) throws IOException {
    return readWithInfo(in).clip();
  }

  /** The clip and the header facts it was read with. */
  public record Result(AudioClip clip, WavInfo info) {}

  /** Reads a whole WAV file and reports its header. */
  public static Result readWithInfo(InputStream in) throws IOException {
    byte[] head = new byte[12];
    int got = readFully(in, head, 0, 12);
    if (got < 12) {
      throw new CodecException("not a WAV file: only " + got + " bytes, a RIFF header needs 12");
    }
    String riff = ascii(head, 0);
    if (!riff.equals("RIFF")) {
      if (riff.equals("RF64")) {
        throw new CodecException("unsupported WAV: RF64 (files over 4 GiB) is not supported");
      }
      throw new CodecException("not a WAV file: starts with '" + printable(riff) + "', not 'RIFF'");
    }
    if (!ascii(head, 8).equals("WAVE")) {
      throw new CodecException(
          "not a WAV file: RIFF type is '" + printable(ascii(head, 8)) + "', not 'WAVE'");
    }
    Fmt fmt = null;
    byte[] chunkHead = new byte[8];
    while (true) {
      got = readFully(in, chunkHead, 0, 8);
      if (got == 0) {
        throw new CodecException(
            fmt == null ? "corrupt WAV: no 'fmt ' chunk" : "corrupt WAV: no 'data' chunk");
      }
      if (got < 8) {
        throw new CodecException("truncated WAV: file ends inside a chunk header");
      }
      String id = ascii(chunkHead, 0);
      long size =
          ByteBuffer.wrap(chunkHead, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
      if (id.equals("fmt ")) {
        if (size < 16 || size > 1 << 16) {
          throw new CodecException(
              "corrupt WAV: 'fmt ' chunk has size " + size + ", expected >= 16");
        }
        byte[] body = new byte[(int) size];
        if (readFully(in, body, 0, body.length) < body.length) {
          throw new CodecException("truncated WAV: file ends inside the 'fmt ' chunk");
        }
        skipPad(in, size);
        fmt = parseFmt(body);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new CodecException("unsupported WAV: 'data' chunk comes before the 'fmt ' chunk");
        }
        boolean streamed = size == 0xFFFFFFFFL || size == 0;
        return readData(in, fmt, streamed ? -1 : size);
      } else {
        long toSkip = size + (size & 1);
        if (skipFully(in, toSkip) < toSkip) {
          throw new CodecException(
              "truncated WAV: file ends inside the '" + printable(id) + "' chunk");
        }
      }
    }
  }

  private record Fmt(WavFormat format, int channels, int sampleRate, int blockAlign, boolean ext) {}

  private static Fmt parseFmt(byte[] body) throws CodecException {
    ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    int tag = b.getShort(0) & 0xFFFF;
    int channels = b.getShort(2) & 0xFFFF;
    long rate = b.getInt(4) & 0xFFFFFFFFL;
    int blockAlign = b.getShort(12) & 0xFFFF;
    int bits = b.getShort(14) & 0xFFFF;
    boolean ext = false;
    if (tag == TAG_EXTENSIBLE) {
      if (body.length < 40) {
        throw new CodecException(
            "corrupt WAV: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has "
                + body.length
                + " bytes, needs 40");
      }
      ext = true;
      int validBits = b.getShort(18) & 0xFFFF;
      tag = b.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
      if (!isStandardGuidTail(body)) {
        throw new CodecException("unsupported WAV: unknown WAVE_FORMAT_EXTENSIBLE sub-format GUID");
      }
      if (validBits != 0 && validBits != bits && tag == TAG_FLOAT) {
        throw new CodecException(
            "unsupported WAV: float samples with " + validBits + " valid bits");
      }
    }
    if (tag != TAG_PCM && tag != TAG_FLOAT) {
      throw new CodecException(
          "unsupported WAV: format tag 0x"
              + Integer.toHexString(tag)
              + " ("
              + tagName(tag)
              + "); only PCM (1) and IEEE float (3) are supported");
    }
    if (channels == 0) {
      throw new CodecException("corrupt WAV: 0 channels");
    }
    if (rate == 0 || rate > Integer.MAX_VALUE) {
      throw new CodecException("corrupt WAV: sample rate " + rate);
    }
    WavFormat format = WavFormat.of(bits, tag == TAG_FLOAT);
    if (format == null) {
      throw new CodecException(
          "unsupported WAV: " + bits + "-bit " + (tag == TAG_FLOAT ? "float" : "integer PCM"));
    }
    if (blockAlign != channels * format.bytesPerSample()) {
      throw new CodecException(
          "corrupt WAV: block align "
              + blockAlign
              + " but "
              + channels
              + " channels of "
              + bits
              + " bits need "
              + channels * format.bytesPerSample());
    }
    return new Fmt(format, channels, (int) rate, blockAlign, ext);
  }

  private static final byte[] GUID_TAIL = {
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
  };

  private static boolean isStandardGuidTail(byte[] body) {
    for (int i = 0; i < GUID_TAIL.length; i++) {
      if (body[26 + i] != GUID_TAIL[i]) {
        return false;
      }
    }
    return true;
  }

  private static Result readData(InputStream in, Fmt fmt, long size) throws IOException {
    int ch = fmt.channels;
    int block = fmt.blockAlign;
    if (size >= 0 && size % block != 0) {
      throw new CodecException(
          "corrupt WAV: 'data' chunk size "
              + size
              + " is not a multiple of the block align "
              + block);
    }
    long declared = size >= 0 ? size / block : Long.MAX_VALUE;
    int bufFrames = Math.max(1, (1 << 16) / block);
    byte[] buf = new byte[bufFrames * block];
    // Decoded straight into the clip's arrays, sized from the declared size but no larger than
    // what the stream says it has (at least 64k frames), so that a header declaring gigabytes
    // does not allocate them; grown by doubling when a stream holds more.
    long available = Math.max(1 << 16, in.available() / block);
    float[][] out = new float[ch][(int) Math.min(Math.min(declared, available), MAX_FRAMES)];
    long remaining = size;
    int frames = 0;
    while (size < 0 || remaining > 0) {
      int want = size < 0 ? buf.length : (int) Math.min(buf.length, remaining);
      int got = readFully(in, buf, 0, want);
      if (size >= 0 && got < want) {
        long present = size - remaining + got;
        throw new CodecException(
            "truncated WAV: 'data' chunk declares "
                + size
                + " bytes but only "
                + present
                + " are present");
      }
      // a streamed file may end mid-frame; the partial frame is dropped as other readers do
      int n = got / block;
      if ((long) frames + n > MAX_FRAMES) {
        throw new CodecException(
            "unsupported WAV: " + ((long) frames + n) + " frames is too long for one clip");
      }
      if (frames + n > out[0].length) {
        int grown =
            (int)
                Math.min(Math.min(declared, MAX_FRAMES), Math.max(frames + n, 2L * out[0].length));
        for (int c = 0; c < ch; c++) {
          out[c] = Arrays.copyOf(out[c], grown);
        }
      }
      decode(buf, fmt.format, out, frames, n, ch);
      frames += n;
      remaining -= got;
      if (got < want) {
        break; // end of a streamed file
      }
    }
    if (frames != out[0].length) {
      for (int c = 0; c < ch; c++) {
        out[c] = Arrays.copyOf(out[c], frames);
      }
    }
    AudioClip clip = AudioClip.wrap(fmt.sampleRate, out);
    return new Result(clip, new WavInfo(fmt.format, ch, fmt.sampleRate, frames, fmt.ext));
  }

  private static final int MAX_FRAMES = Integer.MAX_VALUE - 8;

  private static final VarHandle SHORT = le(short[].class);
  private static final VarHandle INT = le(int[].class);
  private static final VarHandle FLOAT = le(float[].class);
  private static final VarHandle DOUBLE = le(double[].class);

  private static VarHandle le(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Decodes {@code n} interleaved frames from {@code b} into {@code out[c][at ..]}: one loop per
   * format and channel, so the per-sample work is a load and a scale.
   */
  private static void decode(byte[] b, WavFormat f, float[][] out, int at, int n, int ch) {
    int bps = f.bytesPerSample();
    int block = ch * bps;
    for (int c = 0; c < ch; c++) {
      float[] o = out[c];
      int j = c * bps;
      switch (f) {
        case PCM_8:
          for (int i = 0; i < n; i++, j += block) {
            o[at + i] = ((b[j] & 0xFF) - 128) / 128f;
          }
          break;
        case PCM_16:
          for (int i = 0; i < n; i++, j += block) {
            o[at + i] = (short) SHORT.get(b, j) / 32768f;
          }
          break;
        case PCM_24:
          for (int i = 0; i < n; i++, j += block) {
            int lo = b[j] & 0xFF;
            int mid = b[j + 1] & 0xFF;
            int hi = b[j + 2]; // sign-extends
            o[at + i] = ((hi << 16) | (mid << 8) | lo) / 8388608f;
          }
          break;
        case PCM_32:
          for (int i = 0; i < n; i++, j += block) {
            o[at + i] = (float) ((int) INT.get(b, j) / 2147483648.0);
          }
          break;
        case FLOAT_32:
          for (int i = 0; i < n; i++, j += block) {
            o[at + i] = (float) FLOAT.get(b, j);
          }
          break;
        case FLOAT_64:
          for (int i = 0; i < n; i++, j += block) {
            o[at + i] = (float) (double) DOUBLE.get(b, j);
          }
          break;
        default:
          throw new IllegalStateException(f.toString());
      }
    }
  }

  private static String tagName(int tag) {
    switch (tag) {
      case 2:
        return "Microsoft ADPCM";
      case 6:
        return "A-law";
      case 7:
        return "mu-law";
      case 0x11:
        return "IMA ADPCM";
      case 0x55:
        return "MPEG layer 3";
      default:
        return "compressed or unknown";
    }
  }

  private static void skipPad(InputStream in, long size) throws IOException {
    if ((size & 1) == 1 && skipFully(in, 1) < 1) {
      throw new CodecException("truncated WAV: file ends at the pad byte of a chunk");
    }
  }

  static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int r = in.read(b, off + total, len - total);
      if (r < 0) {
        break;
      }
      total += r;
    }
    return total;
  }

  private static long skipFully(InputStream in, long n) throws IOException {
    long total = 0;
    byte[] scratch = null;
    while (total < n) {
      long s = in.skip(n - total);
      if (s <= 0) {
        if (scratch == null) {
          scratch = new byte[8192];
        }
        int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - total));
        if (r < 0) {
          break;
        }
        s = r;
      }
      total += s;
    }
    return total;
  }

  private static String ascii(byte[] b, int off) {
    return new String(b, off, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
