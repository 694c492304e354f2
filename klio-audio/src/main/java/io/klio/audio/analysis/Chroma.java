package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;

/**
 * A 12-bin pitch-class profile (chromagram) from the short-time magnitude spectrum, immutable.
 *
 * <p>Method: the clip is mixed to mono and resampled to {@link #RATE}; magnitude spectra {@code
 * |X|} of 4096-point periodic Hann frames (186 ms, 5.4 Hz bins) every 1024 samples (46 ms), centred
 * as in {@link Stft}. Every bin whose frequency {@code f} lies from C2 (65.4 Hz) to C8 (4186 Hz),
 * each widened by half a semitone, adds its magnitude to the 12 pitch classes through a Gaussian
 * kernel in pitch, as librosa's chroma filters do: at pitch {@code p = 69 + 12 log2(f / 440)} (A4 =
 * 440 Hz, equal temperament, no tuning estimate), class {@code c} gets weight {@code exp(-2 (d /
 * w)^2)}, {@code d} the distance from {@code p} to the nearest pitch of class {@code c} in
 * semitones and {@code w = max(1, 17.31 df / f)} the bin's width in semitones at least one (so a
 * low bin, wider than a semitone, is spread over the classes it covers); the 12 weights of a bin
 * sum to 1. Each frame is then divided by its largest class (max-normalised, as librosa's {@code
 * norm=inf}); silent frames stay 0. Class 0 is C, 9 is A.
 *
 * <p>Magnitude rather than librosa's default power: squaring lets the loudest partials (a bass
 * note, a strong third harmonic) dominate the profile; with magnitudes, key finding on the {@link
 * io.klio.audio.synth.Chords} set went from 79 to 93 of 96 (see the module's README). Below C2 a
 * 4096-point bin is wider than a semitone and the bass's pitch is carried by its harmonics; above
 * C8 there is little pitch, mostly noise and cymbals.
 */
public final class Chroma implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The analysis rate, Hz. */
  public static final int RATE = 22050;

  public static final int FFT = 4096;
  public static final int HOP = 1024;

  /** Lowest and highest pitch covered, MIDI numbers (C2 and C8). */
  public static final int LOWEST = 36;

  public static final int HIGHEST = 108;

  private static final String[] NAMES = {
    "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
  };

  private final float[][] chroma; // [frame][class]

  private Chroma(float[][] chroma) {
    this.chroma = chroma;
  }

  /** The chromagram of a clip. */
  public static Chroma of(AudioClip clip) {
    float[] x = Resampler.resample(Channels.toMono(clip), RATE).channel(0);
    Stft stft = new Stft(FFT, HOP);
    float[][] w = weights(RATE, FFT);
    Stft.Frames frames = stft.new Frames();
    float[] power = new float[stft.bins()];
    float[][] out = new float[stft.frames(x.length)][12];
    for (int f = 0; f < out.length; f++) {
      frames.power(x, f, power);
      double max = 0;
      double[] c = new double[12];
      for (int k = 0; k < power.length; k++) {
        if (power[k] == 0 || w[k] == null) {
          continue;
        }
        for (int pc = 0; pc < 12; pc++) {
          c[pc] += w[k][pc] * Math.sqrt(power[k]);
        }
      }
      for (double v : c) {
        max = Math.max(max, v);
      }
      for (int pc = 0; pc < 12 && max > 0; pc++) {
        out[f][pc] = (float) (c[pc] / max);
      }
    }
    return new Chroma(out);
  }

  /** Per-bin class weights, {@code [bin][class]}, null outside the covered range. */
  static float[][] weights(int rate, int fftSize) {
    double df = rate / (double) fftSize;
    double lo = midiToHz(LOWEST - 0.5);
    double hi = midiToHz(HIGHEST + 0.5);
    float[][] w = new float[fftSize / 2 + 1][];
    for (int k = 1; k < w.length; k++) {
      double f = k * df;
      if (f < lo || f > hi) {
        continue;
      }
      double p = 69 + 12 * Math.log(f / 440) / Math.log(2);
      double width = Math.max(1, 12 / Math.log(2) * df / f);
      double[] g = new double[12];
      double sum = 0;
      for (int pc = 0; pc < 12; pc++) {
        double t = p - pc + 6;
        double d = t - 12 * Math.floor(t / 12) - 6; // signed, -6..6
        g[pc] = Math.exp(-2 * (d / width) * (d / width));
        sum += g[pc];
      }
      w[k] = new float[12];
      for (int pc = 0; pc < 12; pc++) {
        w[k][pc] = (float) (g[pc] / sum);
      }
    }
    return w;
  }

  static double midiToHz(double midi) {
    return 440 * Math.pow(2, (midi - 69) / 12);
  }

  /** The name of pitch class {@code pc} (0 = "C", ..., 11 = "B"), spelt with sharps. */
  public static String name(int pc) {
    return NAMES[Math.floorMod(pc, 12)];
  }

  public int frames() {
    return chroma.length;
  }

  /** The value of pitch class {@code pc} in a frame, 0..1. */
  public float value(int frame, int pc) {
    return chroma[frame][pc];
  }

  /** One frame's 12 values (a copy). */
  public float[] frame(int frame) {
    return chroma[frame].clone();
  }

  /** The time of a frame's centre, seconds. */
  public double frameTime(int frame) {
    return frame * (double) HOP / RATE;
  }

  /** The mean profile over all frames (what key finding reads). */
  public double[] mean() {
    double[] m = new double[12];
    for (float[] row : chroma) {
      for (int pc = 0; pc < 12; pc++) {
        m[pc] += row[pc];
      }
    }
    for (int pc = 0; pc < 12; pc++) {
      m[pc] /= Math.max(1, chroma.length);
    }
    return m;
  }

  /** The strongest pitch class of a frame. */
  public int peak(int frame) {
    int best = 0;
    for (int pc = 1; pc < 12; pc++) {
      if (chroma[frame][pc] > chroma[frame][best]) {
        best = pc;
      }
    }
    return best;
  }
}
