package io.klio.audio;

import io.klio.annotations.KlioCodec;
import io.klio.audio.compressed.CompressedReader;
import io.klio.audio.wav.WavFormat;
import io.klio.audio.wav.WavReader;
import io.klio.audio.wav.WavWriter;
import io.klio.codec.Codec;
import io.klio.codec.CodecException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Klio codec for {@link AudioClip}: jobs may take and return clips, stored as WAV files.
 *
 * <p><b>Encoding</b> is 32-bit IEEE float WAV (format tag 3; {@code WAVE_FORMAT_EXTENSIBLE} for
 * more than two channels). That is exactly the clip's in-memory representation, so a clip that
 * passes from one job to the next through storage is bit-identical, including samples beyond full
 * scale; 16-bit PCM would add quantisation noise at every hop of the DAG and clip overs. The cost
 * is twice the size of 16-bit files. Every mainstream tool (ffmpeg, sox, librosa, Audacity) reads
 * it.
 *
 * <p><b>Decoding</b> looks at the first bytes: {@code RIFF} is read as WAV (PCM 8/16/24/32-bit,
 * float 32/64-bit, classic or extensible header, see {@link WavReader}); {@code fLaC} as FLAC and
 * {@code ID3} or an MPEG frame sync as MP3 (see {@link CompressedReader}). Anything else, and any
 * corrupt, truncated or unsupported file, is a {@link CodecException} that says what is wrong.
 *
 * <p>Stateless and serializable, as Beam requires.
 */
@KlioCodec
public class AudioClipCodec implements Codec<AudioClip> {
  private static final long serialVersionUID = 1L;

  public AudioClipCodec() {}

  @Override
  public void encode(AudioClip value, OutputStream out) throws IOException {
    WavWriter.write(value, WavFormat.FLOAT_32, out);
  }

  @Override
  public AudioClip decode(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(16);
    byte[] magic = new byte[4];
    int n = 0;
    while (n < 4) {
      int r = b.read(magic, n, 4 - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    b.reset();
    if (n == 0) {
      throw new CodecException("not an audio file: empty input");
    }
    if (n >= 4 && magic[0] == 'f' && magic[1] == 'L' && magic[2] == 'a' && magic[3] == 'C') {
      return CompressedReader.readFlac(b);
    }
    if ((n >= 3 && magic[0] == 'I' && magic[1] == 'D' && magic[2] == '3')
        || (n >= 2 && (magic[0] & 0xFF) == 0xFF && (magic[1] & 0xE0) == 0xE0)) {
      return CompressedReader.readMp3(b);
    }
    // WAV, and the reader's messages for everything that is not
    return WavReader.read(b);
  }
}
