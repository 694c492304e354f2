package io.klio.audio.synth;

import io.klio.audio.AudioClip;
import io.klio.audio.analysis.Key;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chord progressions in a known key: test material for key finding and chroma.
 *
 * <p>A progression ({@link Progression}) is repeated to fill the clip, and the last chord is the
 * tonic triad (a final cadence). Every chord is a close-position triad in a random inversion within
 * the octave above MIDI 52-60 (E3-C4) plus its root as a bass note in E2-D#3 (82-156 Hz); each note
 * is a harmonic tone of 6 partials with amplitudes {@code h^-b} ({@code b} 0.8-1.6), each decaying
 * exponentially with time constant {@code T / sqrt(h)} ({@code T} 0.6-2 s), a 5 ms attack, a 20 ms
 * release, a detune of up to 3 cents and a level of 0.7-1 of the others (the bass 1.2). Chords last
 * 0.5-1.2 s. All random choices come from the seed; the clip is mono, peak at -3 dBFS.
 */
public final class Chords {
  /** The peak level of a rendered progression. */
  public static final double PEAK_DBFS = -3;

  private static final int PARTIALS = 6;

  // triads as semitones above the tonic, root first
  private static final int[] I = {0, 4, 7};
  private static final int[] II = {2, 5, 9};
  private static final int[] IV = {5, 9, 12};
  private static final int[] V = {7, 11, 14};
  private static final int[] VI = {9, 12, 16};
  private static final int[] MI = {0, 3, 7};
  private static final int[] MII_DIM = {2, 5, 8};
  private static final int[] MIII = {3, 7, 10};
  private static final int[] MIV = {5, 8, 12};
  private static final int[] MVI = {8, 12, 15};
  private static final int[] MVII = {10, 14, 17};

  /**
   * Common progressions, named in Roman numerals (upper case major, lower case minor, °
   * diminished). In minor, V is the harmonic-minor dominant (major, with the raised leading tone)
   * and VII the natural-minor subtonic.
   */
  public enum Progression {
    I_IV_V_I(Key.Mode.MAJOR, "I-IV-V-I", I, IV, V, I),
    I_VI_IV_V(Key.Mode.MAJOR, "I-vi-IV-V", I, VI, IV, V),
    II_V_I(Key.Mode.MAJOR, "ii-V-I", II, V, I),
    I_V_VI_IV(Key.Mode.MAJOR, "I-V-vi-IV", I, V, VI, IV),
    MINOR_I_IV_V_I(Key.Mode.MINOR, "i-iv-V-i", MI, MIV, V, MI),
    MINOR_I_VI_III_VII(Key.Mode.MINOR, "i-VI-III-VII", MI, MVI, MIII, MVII),
    MINOR_II_V_I(Key.Mode.MINOR, "ii°-V-i", MII_DIM, V, MI),
    MINOR_I_VII_VI_V(Key.Mode.MINOR, "i-VII-VI-V", MI, MVII, MVI, V);

    private final Key.Mode mode;
    private final String numerals;
    private final int[][] chords;

    Progression(Key.Mode mode, String numerals, int[]... chords) {
      this.mode = mode;
      this.numerals = numerals;
      this.chords = chords;
    }

    /** The mode this progression is written for. */
    public Key.Mode mode() {
      return mode;
    }

    /** The progressions written for {@code mode}. */
    public static List<Progression> of(Key.Mode mode) {
      List<Progression> out = new ArrayList<>();
      for (Progression p : values()) {
        if (p.mode == mode) {
          out.add(p);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return numerals;
    }
  }

  /** A rendered progression with its key. */
  public record Piece(Key key, Progression progression, AudioClip clip) implements Serializable {}

  private Chords() {}

  /** A random key (all 24 equally likely), a random progression of its mode, rendered. */
  public static Piece random(int rate, double seconds, long seed) {
    Random rnd = new Random(seed);
    Key key = Key.all()[rnd.nextInt(24)];
    List<Progression> ps = Progression.of(key.mode());
    Progression p = ps.get(rnd.nextInt(ps.size()));
    return new Piece(key, p, render(key, p, seconds, rate, rnd.nextLong()));
  }

  /**
   * Renders {@code progression} in {@code key}: a mono clip of {@code seconds} at {@code rate}.
   *
   * @throws IllegalArgumentException if the progression is written for the other mode
   */
  public static AudioClip render(
      Key key, Progression progression, double seconds, int rate, long seed) {
    return render(key, progression, seconds, Double.NaN, false, rate, seed);
  }

  /**
   * {@code progression} in {@code key} played as a pad: notes held at a steady level rather than
   * decaying, each chord lasting about {@code chordSeconds} (a whole number of chords fills the
   * clip), so that chords can change with a beat.
   *
   * @throws IllegalArgumentException if the progression is written for the other mode
   */
  public static AudioClip pad(
      Key key, Progression progression, double seconds, double chordSeconds, int rate, long seed) {
    return render(key, progression, seconds, chordSeconds, true, rate, seed);
  }

  private static AudioClip render(
      Key key,
      Progression progression,
      double seconds,
      double chordSeconds,
      boolean held,
      int rate,
      long seed) {
    if (progression.mode() != key.mode()) {
      throw new IllegalArgumentException(
          progression + " is a " + progression.mode() + " progression, key is " + key);
    }
    Random rnd = new Random(seed);
    int n = Synth.frames(rate, seconds);
    float[] x = new float[n];
    double drawn = 0.5 + 0.7 * rnd.nextDouble();
    if (Double.isNaN(chordSeconds)) {
      chordSeconds = drawn;
    }
    int slots = Math.max(1, (int) Math.round(seconds / chordSeconds));
    double brightness = 0.8 + 0.8 * rnd.nextDouble();
    double decay = held ? Double.POSITIVE_INFINITY : 0.6 + 1.4 * rnd.nextDouble();
    int low = 52 + rnd.nextInt(9); // chord notes in [low, low + 12)
    int[][] chords = progression.chords;
    for (int s = 0; s < slots; s++) {
      int[] chord = s == slots - 1 ? tonicTriad(key) : chords[s % chords.length];
      int start = (int) ((long) n * s / slots);
      int end = (int) ((long) n * (s + 1) / slots);
      for (int interval : chord) {
        int midi = placeInOctave(key.tonic() + interval, low);
        note(x, start, end, rate, midi, 0.7 + 0.3 * rnd.nextDouble(), brightness, decay, rnd);
      }
      int bass = placeInOctave(key.tonic() + chord[0], 40);
      note(x, start, end, rate, bass, 1.2, brightness, decay, rnd);
    }
    double peak = 0;
    for (float v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    if (peak > 0) {
      float g = (float) (Math.pow(10, PEAK_DBFS / 20) / peak);
      for (int i = 0; i < n; i++) {
        x[i] *= g;
      }
    }
    return AudioClip.wrap(rate, new float[][] {x});
  }

  private static int[] tonicTriad(Key key) {
    return key.mode() == Key.Mode.MAJOR ? I : MI;
  }

  /** The MIDI note of pitch class {@code pc} in {@code [low, low + 12)}. */
  private static int placeInOctave(int pc, int low) {
    return low + Math.floorMod(pc - low, 12);
  }

  /** Adds one harmonic note from {@code start} to {@code end} (exclusive) to {@code x}. */
  private static void note(
      float[] x,
      int start,
      int end,
      int rate,
      int midi,
      double level,
      double brightness,
      double decay,
      Random rnd) {
    double cents = (rnd.nextDouble() * 2 - 1) * 3;
    double f0 = 440 * Math.pow(2, (midi - 69 + cents / 100) / 12);
    int attack = Math.max(1, Synth.frames(rate, 0.005));
    int release = Math.max(1, Synth.frames(rate, 0.02));
    int len = end - start;
    for (int h = 1; h <= PARTIALS; h++) {
      double f = f0 * h;
      if (f >= rate / 2.0 * 0.95) {
        break;
      }
      double a = level * Math.pow(h, -brightness);
      double fall = Math.exp(-1 / (decay / Math.sqrt(h) * rate));
      // sine by the rotation recurrence s[i+1] = 2 cos(w) s[i] - s[i-1]: no sin() per sample
      double w = 2 * Math.PI * f / rate;
      double phase = 2 * Math.PI * rnd.nextDouble();
      double c2 = 2 * Math.cos(w);
      double s0 = Math.sin(phase - w);
      double s1 = Math.sin(phase);
      double env = a;
      for (int i = 0; i < len && start + i < x.length; i++) {
        double g = env;
        if (i < attack) {
          g *= i / (double) attack;
        } else if (i >= len - release) {
          g *= (len - i) / (double) release;
        }
        x[start + i] += (float) (g * s1);
        double s2 = c2 * s1 - s0;
        s0 = s1;
        s1 = s2;
        env *= fall;
      }
    }
  }
}
