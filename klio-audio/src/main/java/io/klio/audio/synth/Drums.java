package io.klio.audio.synth;

import io.klio.audio.AudioClip;
import java.util.Random;

/**
 * Drum patterns with known ground truth, test material for tempo and beat tracking: a synthesised
 * kit (kick, snare, closed hi-hat) playing one of a few common {@link Pattern}s at a given tempo,
 * optionally over sustained pad chords and a bass line, with the times of its beats (quarter notes)
 * as the reference.
 *
 * <p>The sounds are simple models of the real instruments, chosen so that each carries its usual
 * share of the spectrum: the <b>kick</b> is a sine swept down from about 150 to 50 Hz in 30 ms with
 * a 0.3 s exponential decay and a short click; the <b>snare</b> a noise burst (100 ms decay,
 * high-passed at 1 kHz) over a 190 Hz body tone (60 ms decay); the <b>closed hi-hat</b> noise
 * high-passed at 6 kHz (of the clip's rate, at most 0.4 of it) with a 25 ms decay. Every hit's
 * level varies by up to ±1.5 dB and its time by a Gaussian of 3 ms (a drummer, not a sequencer);
 * the reference beats are the exact grid. The <b>pads</b> are four-note chords (I-V-vi-IV, one per
 * bar) of detuned sawtooth-like partials with 0.4 s attack and release; the <b>bass</b> plays the
 * chord's root on beat 1, the "and" of 2 and beat 3, plucked (10 ms attack, 0.35 s decay).
 *
 * <p><b>Declared tempo.</b> The tempo of a track, and its reference beats, are the written quarter
 * notes for every pattern. For {@link Pattern#HALF_TIME} this is a convention: kick and snare
 * alternate every <i>two</i> quarters, which is why the feel is called half-time, and a listener
 * usually taps half the written tempo (the hats, on eighths, then sound as sixteenths); at slow
 * written tempos (below about 80 BPM) half of it falls under 40 BPM and the written pulse is the
 * one tapped. Evaluations should score half-time against both.
 *
 * <p>Deterministic: the only randomness (levels, timing, noise, the key, the first beat's offset
 * between 0.1 and 0.4 s) comes from the seed. Mono, peak-normalised to -1 dBFS.
 */
public final class Drums {
  /** Steps per bar: sixteenth notes of a 4/4 bar. */
  private static final int STEPS = 16;

  /**
   * Rhythm patterns, each a two-bar loop of kick, snare and hi-hat positions in sixteenths (0-31).
   * "Swung" patterns delay every second subdivision to two thirds of its pair (triplet swing).
   */
  public enum Pattern {
    /**
     * Rock/pop: kick on 1 and 3 (and the "and" of 3 in bar 2), snare on 2 and 4, hats on eighths.
     */
    ROCK_EIGHTHS(steps(0, 8, 16, 24, 26), steps(4, 12, 20, 28), every(2), 8, false),
    /** Straight sixteenth hats over a pop kick and snare. */
    SIXTEENTHS(steps(0, 8, 10, 16, 24), steps(4, 12, 20, 28), every(1), 16, false),
    /** House: four-on-the-floor kick, clap/snare on 2 and 4, hats on the off-beat eighths. */
    HOUSE(steps(0, 4, 8, 12, 16, 20, 24, 28), steps(4, 12, 20, 28), offBeats(), 8, false),
    /** Rock eighths with triplet swing: the off-beat hats fall two thirds into the beat. */
    SWING_EIGHTHS(steps(0, 8, 16, 24, 26), steps(4, 12, 20, 28), every(2), 8, true),
    /** Sixteenth hats with triplet swing on the off sixteenths (hip-hop, shuffle). */
    SWING_SIXTEENTHS(steps(0, 10, 16, 24, 26), steps(4, 12, 20, 28), every(1), 16, true),
    /** Half-time: kick on 1, snare on 3 only, hats on eighths; often heard at half the tempo. */
    HALF_TIME(steps(0, 16, 22), steps(8, 24), every(2), 8, false),
    /** Breakbeat: syncopated kicks (1, "and" of 1, "and" of 3), snares on 2 and 4 with ghosts. */
    BREAKBEAT(steps(0, 2, 10, 16, 18, 26, 27), steps(4, 12, 20, 23, 28), every(2), 8, false);

    final int[] kick;
    final int[] snare;
    final int[] hats;
    final int hatGrid; // hats' subdivision of the bar: 8 = eighths, 16 = sixteenths
    final boolean swung;

    Pattern(int[] kick, int[] snare, int[] hats, int hatGrid, boolean swung) {
      this.kick = kick;
      this.snare = snare;
      this.hats = hats;
      this.hatGrid = hatGrid;
      this.swung = swung;
    }

    /**
     * Position of step {@code s} in sixteenths: with swing, the second note of each pair of the
     * hats' subdivision moves from half-way to two thirds of the pair.
     */
    double time(int s) {
      int unit = STEPS / hatGrid; // sixteenths per subdivision
      return swung && (s / unit) % 2 == 1 && s % unit == 0 ? s + unit / 3.0 : s;
    }

    /** Whether the pattern's subdivisions are swung (triplet feel) rather than straight. */
    public boolean swung() {
      return swung;
    }
  }

  /** A generated clip, its tempo and the reference beat (quarter-note) times in seconds. */
  public record Track(AudioClip clip, Pattern pattern, double bpm, double[] beats) {
    public Track {
      beats = beats.clone();
    }

    @Override
    public double[] beats() {
      return beats.clone();
    }
  }

  private Drums() {}

  /**
   * A drum track of {@code seconds} at {@code rate} Hz and {@code bpm} (60-200) beats per minute,
   * with pads and/or a bass line if asked.
   */
  public static Track track(
      int rate,
      double seconds,
      double bpm,
      Pattern pattern,
      boolean pads,
      boolean bass,
      long seed) {
    if (!(bpm >= 30 && bpm <= 300)) {
      throw new IllegalArgumentException("bpm outside 30-300: " + bpm);
    }
    Random rnd = new Random(seed);
    int n = Synth.frames(rate, seconds);
    double beat = 60 / bpm;
    double offset = 0.1 + 0.3 * rnd.nextDouble();
    int key = rnd.nextInt(12);
    double[] x = new double[n];
    double step = beat / 4; // a sixteenth
    int loops = (int) Math.ceil((seconds - offset) / (8 * beat)) + 1;
    for (int loop = 0; loop < loops; loop++) {
      double start = offset + loop * 8 * beat;
      for (int s : pattern.kick) {
        hit(x, rate, start + pattern.time(s) * step, rnd, 0.9, Drums::kick);
      }
      for (int s : pattern.snare) {
        boolean ghost = s % 4 != 0; // snares off the beat are ghost notes
        hit(x, rate, start + pattern.time(s) * step, rnd, ghost ? 0.2 : 0.6, Drums::snare);
      }
      for (int s : pattern.hats) {
        boolean accent = s % (2 * STEPS / pattern.hatGrid) == 0; // the first of each pair
        hit(x, rate, start + pattern.time(s) * step, rnd, accent ? 0.25 : 0.17, Drums::hat);
      }
    }
    double bar = 4 * beat;
    if (pads) {
      addPads(x, rate, offset, bar, key, rnd);
    }
    if (bass) {
      addBass(x, rate, offset, beat, key, rnd);
    }
    float[] out = normalise(x, -1);
    int count = (int) Math.floor((seconds - offset) / beat) + 1;
    double[] beats = new double[Math.max(0, count)];
    for (int i = 0; i < beats.length; i++) {
      beats[i] = offset + i * beat;
    }
    while (beats.length > 0 && beats[beats.length - 1] >= seconds) {
      beats = java.util.Arrays.copyOf(beats, beats.length - 1);
    }
    return new Track(AudioClip.wrap(rate, new float[][] {out}), pattern, bpm, beats);
  }

  /** Pads alone (no drums, no bass), with the chord changes of {@link #track} at {@code bpm}. */
  public static AudioClip padsOnly(int rate, double seconds, double bpm, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[Synth.frames(rate, seconds)];
    addPads(x, rate, 0.1 + 0.3 * rnd.nextDouble(), 240 / bpm, rnd.nextInt(12), rnd);
    return AudioClip.wrap(rate, new float[][] {normalise(x, -1)});
  }

  private interface Voice {
    /** Adds one hit of {@code gain} starting at sample {@code at}. */
    void add(double[] x, int rate, int at, double gain, Random rnd);
  }

  private static void hit(double[] x, int rate, double time, Random rnd, double gain, Voice v) {
    double t = time + 0.003 * rnd.nextGaussian();
    int at = (int) Math.round(t * rate);
    if (at < 0 || at >= x.length) {
      return;
    }
    double g = gain * Math.pow(10, (rnd.nextDouble() * 3 - 1.5) / 20);
    v.add(x, rate, at, g, rnd);
  }

  private static void kick(double[] x, int rate, int at, double gain, Random rnd) {
    int len = Synth.frames(rate, 0.5);
    double phase = 0;
    for (int i = 0; i < len && at + i < x.length; i++) {
      double t = i / (double) rate;
      double hz = 50 + 100 * Math.exp(-t / 0.03);
      phase += 2 * Math.PI * hz / rate;
      double env = Math.min(1, t / 0.001) * Math.exp(-t / 0.3);
      double click = Math.exp(-t / 0.002) * 0.3 * rnd.nextGaussian();
      x[at + i] += gain * (env * Math.sin(phase) + click);
    }
  }

  private static void snare(double[] x, int rate, int at, double gain, Random rnd) {
    int len = Synth.frames(rate, 0.35);
    HighPass hp = new HighPass(1000, rate);
    for (int i = 0; i < len && at + i < x.length; i++) {
      double t = i / (double) rate;
      double attack = Math.min(1, t / 0.001);
      double noise = hp.next(rnd.nextGaussian()) * Math.exp(-t / 0.1);
      double body = Math.sin(2 * Math.PI * 190 * t) * Math.exp(-t / 0.06);
      x[at + i] += gain * attack * (0.5 * noise + 0.6 * body);
    }
  }

  private static void hat(double[] x, int rate, int at, double gain, Random rnd) {
    int len = Synth.frames(rate, 0.12);
    HighPass hp = new HighPass(Math.min(6000, 0.4 * rate), rate);
    HighPass hp2 = new HighPass(Math.min(6000, 0.4 * rate), rate);
    for (int i = 0; i < len && at + i < x.length; i++) {
      double t = i / (double) rate;
      x[at + i] += gain * hp2.next(hp.next(rnd.nextGaussian())) * Math.exp(-t / 0.025);
    }
  }

  /** Semitones of the I-V-vi-IV chords above the key (four notes each, close voicing). */
  private static final int[][] CHORDS = {
    {0, 4, 7, 12}, {7, 11, 14, 19}, {9, 12, 16, 21}, {5, 9, 12, 17}
  };

  private static void addPads(
      double[] x, int rate, double offset, double bar, int key, Random rnd) {
    double fade = 0.4;
    double root = 220 * Math.pow(2, (key - 12) / 12.0); // A3 transposed down to the key
    double[] detune = {rnd.nextDouble() * 0.004 - 0.002, rnd.nextDouble() * 0.004 - 0.002};
    // the pad starts before the first beat, as if the music began earlier
    for (int c = -1; offset + c * bar < x.length / (double) rate; c++) {
      int[] chord = CHORDS[Math.floorMod(c, CHORDS.length)];
      double t0 = offset + c * bar;
      int from = Math.max(0, (int) Math.round(t0 * rate));
      int to = Math.min(x.length, (int) Math.round((t0 + bar + fade) * rate));
      for (int i = from; i < to; i++) {
        double t = i / (double) rate - t0;
        double env = Math.min(1, t / fade) * Math.min(1, (bar + fade - t) / fade);
        double s = 0;
        for (int note : chord) {
          double hz = root * Math.pow(2, note / 12.0);
          for (double d : detune) {
            double p = 2 * Math.PI * hz * (1 + d) * i / rate;
            s += Math.sin(p) + 0.3 * Math.sin(2 * p) + 0.15 * Math.sin(3 * p);
          }
        }
        x[i] += 0.02 * env * s;
      }
    }
  }

  private static void addBass(
      double[] x, int rate, double offset, double beat, int key, Random rnd) {
    double root = 55 * Math.pow(2, key / 12.0); // A1 up to the key
    double[] when = {0, 1.5, 2}; // beat 1, the "and" of 2, beat 3
    for (int b = 0; offset + 4 * b * beat < x.length / (double) rate; b++) {
      int[] chord = CHORDS[b % CHORDS.length];
      double hz = root * Math.pow(2, (chord[0] % 12) / 12.0);
      for (double w : when) {
        int at =
            (int) Math.round((offset + (4 * b + w) * beat + 0.003 * rnd.nextGaussian()) * rate);
        int len = Synth.frames(rate, Math.min(0.6, beat * 1.5));
        for (int i = 0; i < len && at + i < x.length; i++) {
          if (at + i < 0) {
            continue;
          }
          double t = i / (double) rate;
          double env =
              Math.min(1, t / 0.01) * Math.exp(-t / 0.35) * Math.min(1, (len - i) / (0.02 * rate));
          double p = 2 * Math.PI * hz * t;
          x[at + i] += 0.35 * env * (Math.sin(p) + 0.4 * Math.sin(2 * p));
        }
      }
    }
  }

  private static float[] normalise(double[] x, double peakDbfs) {
    double peak = 0;
    for (double v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    double g = peak > 0 ? Math.pow(10, peakDbfs / 20) / peak : 0;
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) (x[i] * g);
    }
    return out;
  }

  private static int[] steps(int... s) {
    return s;
  }

  private static int[] every(int stride) {
    int[] s = new int[2 * STEPS / stride];
    for (int i = 0; i < s.length; i++) {
      s[i] = i * stride;
    }
    return s;
  }

  private static int[] offBeats() {
    int[] s = new int[8];
    for (int i = 0; i < 8; i++) {
      s[i] = 4 * i + 2;
    }
    return s;
  }

  /** A second-order (Butterworth) high-pass, bilinear transform. */
  private static final class HighPass {
    private final double b0, b1, b2, a1, a2;
    private double x1, x2, y1, y2;

    HighPass(double hz, int rate) {
      double k = Math.tan(Math.PI * hz / rate);
      double q = Math.sqrt(0.5);
      double norm = 1 / (1 + k / q + k * k);
      b0 = norm;
      b1 = -2 * norm;
      b2 = norm;
      a1 = 2 * (k * k - 1) * norm;
      a2 = (1 - k / q + k * k) * norm;
    }

    double next(double in) {
      double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = in;
      y2 = y1;
      y1 = y;
      return y;
    }
  }
}
