package io.klio.audio;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable piece of audio: a sample rate and one array of float samples per channel.
 *
 * <p>Samples are nominally in {@code [-1, 1]} (full scale); values outside are kept, not clipped,
 * so that processing chains with headroom stay lossless until a file is written. Every channel has
 * the same number of frames. The arrays are copied on the way in and out, so a clip can be shared
 * between threads and Beam stages without anyone changing it under another's feet; the {@link
 * #sample(int, int)} accessor reads without copying.
 *
 * <p>Jobs exchange clips through {@link AudioClipCodec}, which stores them as 32-bit float WAV.
 */
public final class AudioClip implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int sampleRate;
  private final float[][] samples;

  private AudioClip(int sampleRate, float[][] samples) {
    this.sampleRate = sampleRate;
    this.samples = samples;
  }

  /**
   * A clip from per-channel sample arrays (copied).
   *
   * @throws IllegalArgumentException if the rate is not positive, there is no channel, or the
   *     channels differ in length
   */
  public static AudioClip of(int sampleRate, float[]... channels) {
    Objects.requireNonNull(channels, "channels");
    float[][] copy = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      copy[c] = Objects.requireNonNull(channels[c], "channel " + c).clone();
    }
    return wrap(sampleRate, copy);
  }

  /** A mono clip from double samples (converted to float). */
  public static AudioClip mono(int sampleRate, double[] samples) {
    float[] f = new float[samples.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) samples[i];
    }
    return wrap(sampleRate, new float[][] {f});
  }

  /** A clip of silence. */
  public static AudioClip silence(int sampleRate, int channels, int frames) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be >= 1, was " + channels);
    }
    return wrap(sampleRate, new float[channels][frames]);
  }

  /**
   * Takes ownership of {@code channels} without copying. Library-internal: callers must not keep or
   * change the arrays afterwards.
   */
  public static AudioClip wrap(int sampleRate, float[][] channels) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
    }
    if (channels.length == 0) {
      throw new IllegalArgumentException("a clip needs at least one channel");
    }
    int n = channels[0].length;
    for (int c = 1; c < channels.length; c++) {
      if (channels[c].length != n) {
        throw new IllegalArgumentException(
            "channel " + c + " has " + channels[c].length + " frames, channel 0 has " + n);
      }
    }
    return new AudioClip(sampleRate, channels);
  }

  /** Samples per second per channel. */
  public int sampleRate() {
    return sampleRate;
  }

  /** Number of channels (1 = mono, 2 = stereo, ...). */
  public int channelCount() {
    return samples.length;
  }

  /** Number of samples in each channel. */
  public int frameCount() {
    return samples[0].length;
  }

  /** Duration in seconds. */
  public double durationSeconds() {
    return frameCount() / (double) sampleRate;
  }

  /** One sample, without copying. */
  public float sample(int channel, int frame) {
    return samples[channel][frame];
  }

  /** A copy of one channel's samples. */
  public float[] channel(int channel) {
    return samples[channel].clone();
  }

  /** Copies of all channels' samples, indexed {@code [channel][frame]}. */
  public float[][] channels() {
    float[][] copy = new float[samples.length][];
    for (int c = 0; c < samples.length; c++) {
      copy[c] = samples[c].clone();
    }
    return copy;
  }

  /**
   * The average of all channels as one array (a copy). Analysis works on this; for a mono clip it
   * is the channel itself.
   */
  public float[] monoSamples() {
    if (samples.length == 1) {
      return samples[0].clone();
    }
    int n = frameCount();
    float[] out = new float[n];
    float scale = 1f / samples.length;
    for (float[] ch : samples) {
      for (int i = 0; i < n; i++) {
        out[i] += ch[i];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] *= scale;
    }
    return out;
  }

  /** The largest absolute sample value over all channels (1.0 = 0 dBFS). */
  public double peak() {
    double p = 0;
    for (float[] ch : samples) {
      for (float v : ch) {
        p = Math.max(p, Math.abs(v));
      }
    }
    return p;
  }

  /** Root mean square over all samples of all channels. */
  public double rms() {
    double sum = 0;
    long n = 0;
    for (float[] ch : samples) {
      for (float v : ch) {
        sum += (double) v * v;
      }
      n += ch.length;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AudioClip)) {
      return false;
    }
    AudioClip other = (AudioClip) o;
    return sampleRate == other.sampleRate && Arrays.deepEquals(samples, other.samples);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.deepHashCode(samples);
  }

  @Override
  public String toString() {
    return String.format(
        "AudioClip[%d Hz, %d ch, %d frames, %.3f s]",
        sampleRate, channelCount(), frameCount(), durationSeconds());
  }
}
