package io.klio.audio.synth;

import io.klio.audio.AudioClip;
import java.util.Random;

/**
 * Test signals with known ground truth: tones, click tracks and speech-like noise.
 *
 * <p>All generators return mono clips (use {@link #pan} and {@link io.klio.audio.dsp.Channels#mix}
 * to build stereo mixes) and are deterministic: the only randomness comes from the seed passed in.
 * Levels are stated as the analysis code measures them, so tests can compare like with like.
 */
public final class Synth {
  /** Length of the raised-cosine fades at the ends of tones, seconds (avoids clicks). */
  public static final double FADE_SECONDS = 0.01;

  private Synth() {}

  static int frames(int rate, double seconds) {
    return (int) Math.round(rate * seconds);
  }

  /**
   * A sine tone whose <b>peak</b> is at {@code peakDbfs} (0 = full scale; its RMS is 3.01 dB
   * lower), with 10 ms raised-cosine fades in and out.
   */
  public static AudioClip tone(int rate, double seconds, double hz, double peakDbfs) {
    return tone(rate, seconds, hz, peakDbfs, true);
  }

  /** A sine tone, with or without fades (without: exact sine from sample 0, phase 0). */
  public static AudioClip tone(int rate, double seconds, double hz, double peakDbfs, boolean fade) {
    int n = frames(rate, seconds);
    double a = Math.pow(10, peakDbfs / 20);
    float[] x = new float[n];
    int f = fade ? Math.min(n / 2, frames(rate, FADE_SECONDS)) : 0;
    for (int i = 0; i < n; i++) {
      double g = 1;
      if (i < f) {
        g = 0.5 - 0.5 * Math.cos(Math.PI * i / f);
      } else if (i >= n - f) {
        g = 0.5 - 0.5 * Math.cos(Math.PI * (n - 1 - i) / f);
      }
      x[i] = (float) (a * g * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return AudioClip.wrap(rate, new float[][] {x});
  }

  /** The beat times of {@link #clickTrack}: every {@code 60 / bpm} s from {@code offset}. */
  public static double[] clickTimes(double seconds, double bpm, double offset) {
    double period = 60 / bpm;
    int count = (int) Math.floor((seconds - offset - 0.05) / period) + 1;
    double[] t = new double[Math.max(0, count)];
    for (int i = 0; i < t.length; i++) {
      t[i] = offset + i * period;
    }
    return t;
  }

  /**
   * A metronome: a click on every beat of {@code bpm} from {@code offset} seconds, the clicks at
   * the exact (rounded to the sample) times of {@link #clickTimes}. Each click is a 2 kHz sine with
   * a 1 ms attack and a 6 ms exponential decay (a woodblock-like tick, about 40 ms audible) plus a
   * 1.5 ms broadband noise "stick" transient (so the onset shows in every band, like a drum hit),
   * scaled by {@code 10^(peakDbfs / 20)} (the peak is within about 2 dB of {@code peakDbfs}); every
   * fourth click (the downbeat) is at 3 kHz. The noise is seeded with a constant, so click tracks
   * are deterministic.
   */
  public static AudioClip clickTrack(
      int rate, double seconds, double bpm, double offset, double peakDbfs) {
    int n = frames(rate, seconds);
    float[] x = new float[n];
    double a = Math.pow(10, peakDbfs / 20);
    int len = frames(rate, 0.05);
    int attack = Math.max(1, frames(rate, 0.001));
    double[] times = clickTimes(seconds, bpm, offset);
    Random rnd = new Random(0x5eed);
    for (int b = 0; b < times.length; b++) {
      int start = (int) Math.round(times[b] * rate);
      double hz = b % 4 == 0 ? 3000 : 2000;
      for (int i = 0; i < len && start + i < n; i++) {
        double env = i < attack ? i / (double) attack : Math.exp(-(i - attack) / (0.006 * rate));
        double stick = Math.exp(-i / (0.0015 * rate)) * rnd.nextGaussian() * 0.5;
        x[start + i] += (float) (a * env * (0.7 * Math.sin(2 * Math.PI * hz * i / rate) + stick));
      }
    }
    return AudioClip.wrap(rate, new float[][] {x});
  }

  /**
   * Speech-like noise: noise shaped by two random "formant" resonances per syllable (300-900 Hz and
   * 900-2500 Hz) and amplitude-modulated at a syllable rate: syllables of random length around
   * {@code 0.6 / syllablesPerSecond} with raised-cosine envelopes, separated by short gaps, with a
   * 0.4-0.8 s pause after every 6-12 syllables, like phrases. The modulation spectrum then peaks
   * near {@code syllablesPerSecond} (typically 4 Hz), the cue the speechiness heuristic listens
   * for. Scaled so that its RMS over the whole clip is {@code rmsDbfs}.
   */
  public static AudioClip speechLike(
      int rate, double seconds, double syllablesPerSecond, double rmsDbfs, long seed) {
    Random rnd = new Random(seed);
    int n = frames(rate, seconds);
    float[] x = new float[n];
    double period = 1 / syllablesPerSecond;
    int pos = frames(rate, 0.1 + 0.2 * rnd.nextDouble());
    int untilPause = 6 + rnd.nextInt(7);
    while (pos < n) {
      int len = frames(rate, period * (0.45 + 0.3 * rnd.nextDouble()));
      double f1 = 300 + 600 * rnd.nextDouble();
      double f2 = 900 + 1600 * rnd.nextDouble();
      Resonator r1 = new Resonator(f1, 120, rate);
      Resonator r2 = new Resonator(f2, 200, rate);
      for (int i = 0; i < len && pos + i < n; i++) {
        double env = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / len);
        double w = rnd.nextGaussian();
        x[pos + i] = (float) (env * (r1.next(w) + 0.5 * r2.next(w)));
      }
      pos += len + frames(rate, period * (0.15 + 0.2 * rnd.nextDouble()));
      if (--untilPause == 0) {
        pos += frames(rate, 0.4 + 0.4 * rnd.nextDouble());
        untilPause = 6 + rnd.nextInt(7);
      }
    }
    double sum = 0;
    for (float v : x) {
      sum += v * v;
    }
    double rms = Math.sqrt(sum / Math.max(1, n));
    if (rms > 0) {
      float g = (float) (Math.pow(10, rmsDbfs / 20) / rms);
      for (int i = 0; i < n; i++) {
        x[i] *= g;
      }
    }
    return AudioClip.wrap(rate, new float[][] {x});
  }

  /** White Gaussian noise with RMS {@code rmsDbfs}. */
  public static AudioClip noise(int rate, double seconds, double rmsDbfs, long seed) {
    Random rnd = new Random(seed);
    int n = frames(rate, seconds);
    float[] x = new float[n];
    double a = Math.pow(10, rmsDbfs / 20);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (a * rnd.nextGaussian());
    }
    return AudioClip.wrap(rate, new float[][] {x});
  }

  /**
   * A mono clip placed in a stereo field with the constant-power pan law: {@code pan} -1 is hard
   * left, 0 centre (each side at -3.01 dB), 1 hard right.
   */
  public static AudioClip pan(AudioClip mono, double pan) {
    if (mono.channelCount() != 1) {
      throw new IllegalArgumentException("pan needs a mono clip");
    }
    double angle = (Math.max(-1, Math.min(1, pan)) + 1) * Math.PI / 4;
    float gl = (float) Math.cos(angle);
    float gr = (float) Math.sin(angle);
    float[] l = mono.channel(0);
    float[] r = l.clone();
    for (int i = 0; i < l.length; i++) {
      l[i] *= gl;
      r[i] *= gr;
    }
    return AudioClip.wrap(mono.sampleRate(), new float[][] {l, r});
  }

  /** A two-pole resonator (band-pass); its gain is arbitrary, the caller normalises the result. */
  private static final class Resonator {
    private final double a1;
    private final double a2;
    private final double g;
    private double y1;
    private double y2;

    Resonator(double hz, double bandwidth, int rate) {
      double r = Math.exp(-Math.PI * bandwidth / rate);
      a1 = -2 * r * Math.cos(2 * Math.PI * hz / rate);
      a2 = r * r;
      g = 1 - r;
    }

    double next(double x) {
      double y = g * x - a1 * y1 - a2 * y2;
      y2 = y1;
      y1 = y;
      return y;
    }
  }
}
