package io.klio.audio.compressed;

import io.klio.audio.AudioClip;
import io.klio.codec.CodecException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.Obuffer;

/**
 * MP3 through JLayer's frame decoder, taking its synthesis output as floats: the javax.sound route
 * rounds it to 16 bits on the way, which alone spends the whole error that ISO/IEC 11172-4 allows a
 * decoder of full accuracy.
 */
final class Mp3Decoder {
  /** JLayer scales its synthesis output by 32700, not 16-bit full scale (32768). */
  private static final float JLAYER_SCALE = 32700f;

  private Mp3Decoder() {}

  static AudioClip decode(InputStream in) throws IOException {
    Bitstream bitstream = new Bitstream(new BufferedInputStream(in, 1 << 16));
    Decoder decoder = new Decoder();
    FloatOutput output = new FloatOutput();
    decoder.setOutputBuffer(output);
    int rate = 0;
    int channels = 0;
    try {
      for (Header header = bitstream.readFrame(); header != null; header = bitstream.readFrame()) {
        int frameChannels = header.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
        if (rate == 0) {
          rate = header.frequency();
          channels = frameChannels;
        } else if (rate != header.frequency() || channels != frameChannels) {
          throw new CodecException(
              "unsupported MP3: the stream changes from "
                  + channels
                  + " channel(s) at "
                  + rate
                  + " Hz to "
                  + frameChannels
                  + " at "
                  + header.frequency());
        }
        decoder.decodeFrame(header, bitstream);
        bitstream.closeFrame();
      }
    } catch (BitstreamException | DecoderException e) {
      throw new CodecException("corrupt MP3: " + e.getMessage(), e);
    } catch (RuntimeException e) { // garbage can send the decoder past its tables
      throw new CodecException("corrupt MP3: decoder failed: " + e, e);
    } finally {
      try {
        bitstream.close();
      } catch (BitstreamException e) {
        // the stream is the caller's to close; nothing was left to read
      }
    }
    if (channels == 0 || output.length(0) == 0) {
      throw new CodecException("corrupt MP3: no audio frames decoded");
    }
    float[][] out = new float[channels][];
    for (int c = 0; c < channels; c++) {
      out[c] = output.samples(c);
    }
    return AudioClip.wrap(rate, out);
  }

  /** Collects the synthesis filter's samples per channel, at full scale 1. */
  private static final class FloatOutput extends Obuffer {
    private final float[][] samples = {new float[1 << 16], new float[1 << 16]};
    private final int[] lengths = new int[2];

    @Override
    public void appendSamples(int channel, float[] values) {
      for (float value : values) {
        add(channel, value / JLAYER_SCALE);
      }
    }

    @Override
    public void append(int channel, short value) {
      add(channel, value / 32768f);
    }

    private void add(int channel, float value) {
      if (lengths[channel] == samples[channel].length) {
        samples[channel] = Arrays.copyOf(samples[channel], samples[channel].length * 2);
      }
      samples[channel][lengths[channel]++] = value;
    }

    int length(int channel) {
      return lengths[channel];
    }

    float[] samples(int channel) {
      return Arrays.copyOf(samples[channel], lengths[channel]);
    }

    @Override
    public void write_buffer(int unused) {}

    @Override
    public void close() {}

    @Override
    public void clear_buffer() {}

    @Override
    public void set_stop_flag() {}
  }
}
