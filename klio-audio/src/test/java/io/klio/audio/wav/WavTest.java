package io.klio.audio.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioClipCodec;
import io.klio.audio.AudioFiles;
import io.klio.audio.synth.Synth;
import io.klio.codec.CodecException;
import io.klio.testsupport.Commands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavTest {
  @TempDir Path tmp;

  /** Random samples exactly representable in {@code format}, so integer round trips are exact. */
  static AudioClip exactClip(WavFormat format, int rate, int channels, int frames, long seed) {
    Random rnd = new Random(seed);
    float[][] x = new float[channels][frames];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        double v = rnd.nextDouble() * 2 - 1;
        switch (format) {
          case PCM_8:
            x[c][i] = (float) (Math.floor(v * 128) / 128);
            break;
          case PCM_16:
            x[c][i] = (float) (Math.floor(v * 32768) / 32768);
            break;
          case PCM_24:
            x[c][i] = (float) (Math.floor(v * 8388608) / 8388608);
            break;
          case PCM_32:
            x[c][i] = (float) (Math.floor(v * 32768) / 32768);
            break; // float has 24 bits
          default:
            x[c][i] = (float) (v * 1.5); // floats keep overs
        }
      }
    }
    x[0][0] = format.isFloat() ? 1.25f : -1f; // extremes
    return AudioClip.wrap(rate, x);
  }

  static byte[] write(AudioClip clip, WavFormat f, boolean ext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavWriter.write(clip, f, ext, out);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0} {1} Hz {2} ch extensible={3}")
  @CsvSource({
    "PCM_8, 8000, 1, false",
    "PCM_16, 44100, 1, false",
    "PCM_16, 44100, 2, false",
    "PCM_16, 48000, 2, true",
    "PCM_16, 22050, 6, true",
    "PCM_24, 96000, 2, false",
    "PCM_24, 48000, 3, true",
    "PCM_32, 44100, 2, false",
    "FLOAT_32, 44100, 1, false",
    "FLOAT_32, 48000, 2, false",
    "FLOAT_32, 16000, 2, true",
    "FLOAT_32, 11025, 8, true",
    "FLOAT_64, 44100, 2, false",
    "PCM_16, 7, 1, false",
  })
  void roundTripsExactly(WavFormat format, int rate, int channels, boolean ext) throws IOException {
    AudioClip clip = exactClip(format, rate, channels, 1001, rate + channels);
    byte[] bytes = write(clip, format, ext);
    assertThat(bytes.length % 2).isZero();
    WavReader.Result r = WavReader.readWithInfo(new ByteArrayInputStream(bytes));
    assertThat(r.info()).isEqualTo(new WavInfo(format, channels, rate, 1001, ext));
    assertThat(r.clip()).isEqualTo(clip);
  }

  @Test
  void pcm16QuantisesAndClips() throws IOException {
    AudioClip clip = AudioClip.of(8000, new float[] {0.5f, 2f, -2f, 1e-6f, 0.00002f});
    AudioClip back = WavReader.read(new ByteArrayInputStream(write(clip, WavFormat.PCM_16, false)));
    assertThat(back.channel(0)).containsExactly(0.5f, 32767 / 32768f, -1f, 0f, 1 / 32768f);
  }

  @Test
  void codecIsLosslessFloatWavAndSerializable() throws Exception {
    AudioClip clip = Synth.pan(Synth.tone(44100, 0.5, 440, 3), 0.2); // above full scale
    AudioClipCodec codec = new AudioClipCodec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.encode(clip, out);
    byte[] bytes = out.toByteArray();
    assertThat(new String(bytes, 0, 4, "ISO-8859-1")).isEqualTo("RIFF");
    assertThat(ByteBuffer.wrap(bytes, 20, 2).order(ByteOrder.LITTLE_ENDIAN).getShort())
        .isEqualTo((short) 3);
    assertThat(codec.decode(new ByteArrayInputStream(bytes))).isEqualTo(clip);
    // Beam serialises codecs and may serialise values
    ByteArrayOutputStream ser = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(ser)) {
      oos.writeObject(codec);
      oos.writeObject(clip);
    }
    try (ObjectInputStream ois =
        new ObjectInputStream(new ByteArrayInputStream(ser.toByteArray()))) {
      assertThat(ois.readObject()).isInstanceOf(AudioClipCodec.class);
      assertThat(ois.readObject()).isEqualTo(clip);
    }
  }

  @Test
  void readsStreamedWavWithUnknownDataSize() throws IOException {
    AudioClip clip = exactClip(WavFormat.PCM_16, 8000, 2, 100, 1);
    byte[] bytes = write(clip, WavFormat.PCM_16, false);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xFFFFFFFF);
    assertThat(WavReader.read(new ByteArrayInputStream(bytes))).isEqualTo(clip);
  }

  @Test
  void skipsUnknownChunks() throws IOException {
    AudioClip clip = exactClip(WavFormat.PCM_16, 8000, 1, 10, 2);
    byte[] plain = write(clip, WavFormat.PCM_16, false);
    // insert an odd-sized LIST chunk (with pad byte) between fmt and data
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(plain, 0, 36);
    b.write(new byte[] {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0});
    b.write(plain, 36, plain.length - 36);
    assertThat(WavReader.read(new ByteArrayInputStream(b.toByteArray()))).isEqualTo(clip);
  }

  static byte[] validPcm16() throws IOException {
    return write(exactClip(WavFormat.PCM_16, 8000, 2, 100, 3), WavFormat.PCM_16, false);
  }

  void assertCorrupt(byte[] bytes, String messagePart) {
    assertThatThrownBy(() -> new AudioClipCodec().decode(new ByteArrayInputStream(bytes)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void emptyInput() {
    assertCorrupt(new byte[0], "empty");
  }

  @Test
  void notRiff() {
    assertCorrupt("OggS and then some bytes".getBytes(), "not a WAV file: starts with 'OggS'");
  }

  @Test
  void notWave() throws IOException {
    byte[] b = validPcm16();
    b[8] = 'A';
    b[9] = 'V';
    b[10] = 'I';
    b[11] = ' ';
    assertCorrupt(b, "RIFF type is 'AVI '");
  }

  @Test
  void truncatedData() throws IOException {
    byte[] b = validPcm16();
    assertCorrupt(
        Arrays.copyOf(b, b.length - 7),
        "truncated WAV: 'data' chunk declares 400 bytes but only 393");
  }

  @Test
  void truncatedHeader() throws IOException {
    assertCorrupt(
        Arrays.copyOf(validPcm16(), 30), "truncated WAV: file ends inside the 'fmt ' chunk");
    assertCorrupt(Arrays.copyOf(validPcm16(), 8), "only 8 bytes");
  }

  @Test
  void noDataChunk() throws IOException {
    assertCorrupt(Arrays.copyOf(validPcm16(), 36), "no 'data' chunk");
  }

  @Test
  void compressedFormatIsUnsupported() throws IOException {
    byte[] b = validPcm16();
    b[20] = 2; // Microsoft ADPCM
    assertCorrupt(b, "format tag 0x2 (Microsoft ADPCM)");
  }

  @Test
  void inconsistentBlockAlign() throws IOException {
    byte[] b = validPcm16();
    b[32] = 3;
    assertCorrupt(b, "block align 3");
  }

  @Test
  void oddBitDepth() throws IOException {
    byte[] b = validPcm16();
    b[34] = 12;
    assertCorrupt(b, "12-bit integer PCM");
  }

  @Test
  void garbageFlacIsACodecException() {
    byte[] b = new byte[200];
    b[0] = 'f';
    b[1] = 'L';
    b[2] = 'a';
    b[3] = 'C';
    assertThatThrownBy(() -> new AudioClipCodec().decode(new ByteArrayInputStream(b)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("FLAC");
  }

  @Test
  void ffmpegReadsOurFloatWavAndWeReadFfmpegsFormats() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip clip = Synth.pan(Synth.tone(44100, 1, 1000, -6), 0);
    Path ours = tmp.resolve("ours.wav");
    AudioFiles.writeWav(ours, clip, WavFormat.FLOAT_32);
    for (String[] f :
        new String[][] {
          {"s16.wav", "pcm_s16le"}, {"s24.wav", "pcm_s24le"}, {"f32.wav", "pcm_f32le"},
          {"s32.wav", "pcm_s32le"}, {"f64.wav", "pcm_f64le"}, {"u8.wav", "pcm_u8"}
        }) {
      Path out = tmp.resolve(f[0]);
      Commands.run(
          "ffmpeg", "-y", "-v", "error", "-i", ours.toString(), "-c:a", f[1], out.toString());
      AudioClip back = AudioFiles.read(out);
      assertThat(back.sampleRate()).isEqualTo(44100);
      assertThat(back.channelCount()).isEqualTo(2);
      assertThat(back.frameCount()).isEqualTo(clip.frameCount());
      double tol = f[1].equals("pcm_u8") ? 1 / 64.0 : 1 / 16384.0;
      for (int i = 0; i < clip.frameCount(); i += 97) {
        assertThat((double) back.sample(1, i))
            .as(f[0])
            .isCloseTo(clip.sample(1, i), org.assertj.core.data.Offset.offset(tol));
      }
    }
    // ffmpeg writes WAVE_FORMAT_EXTENSIBLE for multichannel
    Path six = tmp.resolve("six.wav");
    Commands.run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=0.5",
        "-af",
        "pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0",
        "-c:a",
        "pcm_s24le",
        six.toString());
    WavReader.Result r = WavReader.readWithInfo(Files.newInputStream(six));
    assertThat(r.info().channels()).isEqualTo(6);
    assertThat(r.info().extensible()).isTrue();
    assertThat(r.clip().peak()).isGreaterThan(0.05);
  }

  @Test
  void decodesFlacAndMp3MadeByFfmpeg() throws Exception {
    assumeTrue(Commands.onPath("ffmpeg"), "ffmpeg not on PATH");
    AudioClip clip = Synth.pan(Synth.tone(44100, 1, 1000, -6), -0.5);
    Path wav = tmp.resolve("in.wav");
    AudioFiles.writeWav(wav, clip, WavFormat.PCM_16);
    AudioClip pcm = AudioFiles.read(wav);
    for (String bits : new String[] {"s16", "s32"}) {
      Path flac = tmp.resolve("in-" + bits + ".flac");
      Commands.run(
          "ffmpeg",
          "-y",
          "-v",
          "error",
          "-i",
          wav.toString(),
          "-sample_fmt",
          bits,
          flac.toString());
      AudioClip f = AudioFiles.read(flac);
      assertThat(f.sampleRate()).isEqualTo(44100);
      assertThat(f.channelCount()).isEqualTo(2);
      if (bits.equals("s16")) {
        assertThat(f).as("16-bit FLAC is lossless").isEqualTo(pcm);
      } else {
        assertThat(Math.abs(f.peak() - pcm.peak())).isLessThan(1e-4);
      }
    }
    Path mp3 = tmp.resolve("in.mp3");
    Commands.run(
        "ffmpeg", "-y", "-v", "error", "-i", wav.toString(), "-b:a", "192k", mp3.toString());
    AudioClip m = AudioFiles.read(mp3);
    assertThat(m.sampleRate()).isEqualTo(44100);
    assertThat(m.channelCount()).isEqualTo(2);
    assertThat(m.durationSeconds()).isBetween(0.95, 1.15);
    // same energy (the decoder adds the encoder's priming silence, so compare sums, not means)
    double energyRatioDb =
        10
            * Math.log10(
                m.rms() * m.rms() * m.frameCount() / (pcm.rms() * pcm.rms() * pcm.frameCount()));
    assertThat(energyRatioDb).isBetween(-0.3, 0.3);
  }
}
