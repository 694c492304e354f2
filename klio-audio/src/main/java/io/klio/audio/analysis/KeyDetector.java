package io.klio.audio.analysis;

import io.klio.audio.AudioClip;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import java.io.Serializable;

/**
 * Major/minor key finding by correlation with key profiles (the Krumhansl-Schmuckler algorithm).
 *
 * <p>Method: the mean {@link Chroma} of the clip's harmonic part (each frame max-normalised, then
 * averaged) is compared with the 24 rotations of a pair of key profiles (major, minor) by Pearson
 * correlation; the key of the highest correlation wins. The default profiles are Temperley's
 * ({@link Profile#TEMPERLEY}), which weigh notes outside the key much lower than Krumhansl and
 * Kessler's: on chord progressions in all 24 keys ({@link io.klio.audio.synth.Chords}, 96 clips)
 * they found 93 keys against 80, the difference being ii-V-I loops, whose pitch content leans
 * towards the dominant key. The winner's correlation, clamped to [0, 1], is the confidence
 * (Krumhansl's key strength); the margin to the runner-up tells how clearly it beat it (small
 * between relative keys, which share their notes). A silent clip or a perfectly flat profile has no
 * key: C major with correlation 0.
 */
public final class KeyDetector {
  /** Key profiles: the weight of each pitch class from the tonic up by semitones, per mode. */
  public enum Profile {
    /** Krumhansl and Kessler (1982): probe-tone ratings of listeners. */
    KRUMHANSL_KESSLER(
        new double[] {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
        new double[] {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}),
    /** Temperley (2007, Music and Probability, table 6.1): Kostka-Payne corpus frequencies. */
    TEMPERLEY(
        new double[] {
          0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400
        },
        new double[] {
          0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330
        });

    private final double[] major;
    private final double[] minor;

    Profile(double[] major, double[] minor) {
      this.major = major;
      this.minor = minor;
    }
  }

  public static final Profile DEFAULT_PROFILE = Profile.TEMPERLEY;

  private KeyDetector() {}

  /** The key of a clip. */
  public static Estimate detect(AudioClip clip) {
    return detect(clip, DEFAULT_PROFILE);
  }

  /**
   * The key of a clip, with the given key profiles, from the chroma of the clip's harmonic part
   * ({@link Hpss}, at {@link Chroma#RATE}): drums and other hits spread their energy over every
   * pitch class and would flatten the profile. On the sample catalogue's tracks (pads with clicks,
   * some with speech-like noise over them) this took 12 of 24 keys to 18.
   */
  public static Estimate detect(AudioClip clip, Profile keyProfile) {
    AudioClip mono = Resampler.resample(Channels.toMono(clip), Chroma.RATE);
    return detect(Chroma.of(Hpss.separate(mono).harmonic()).mean(), keyProfile);
  }

  /** The key of a 12-bin pitch-class profile (class 0 = C), such as {@link Chroma#mean()}. */
  public static Estimate detect(double[] profile, Profile keyProfile) {
    double[] r = correlations(profile, keyProfile);
    int best = 0;
    int second = -1;
    for (int i = 1; i < 24; i++) {
      if (r[i] > r[best]) {
        second = best;
        best = i;
      } else if (second < 0 || r[i] > r[second]) {
        second = i;
      }
    }
    return new Estimate(key(best), r[best], key(second), r[second]);
  }

  /**
   * The correlation of {@code profile} with each key's profile, indexed as {@link Key#all()} (C
   * major, C minor, C# major, ...); 0 where the profile is flat.
   */
  public static double[] correlations(double[] profile, Profile keyProfile) {
    if (profile.length != 12) {
      throw new IllegalArgumentException("need 12 pitch classes, got " + profile.length);
    }
    double[] r = new double[24];
    for (int i = 0; i < 24; i++) {
      double[] ref = i % 2 == 0 ? keyProfile.major : keyProfile.minor;
      int tonic = i / 2;
      double[] rotated = new double[12];
      for (int pc = 0; pc < 12; pc++) {
        rotated[pc] = ref[Math.floorMod(pc - tonic, 12)];
      }
      r[i] = pearson(profile, rotated);
    }
    return r;
  }

  private static Key key(int index) {
    return Key.of(index / 2, index % 2 == 0 ? Key.Mode.MAJOR : Key.Mode.MINOR);
  }

  static double pearson(double[] a, double[] b) {
    double ma = 0, mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa <= 1e-12 * Math.max(1e-30, ma * ma) || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }

  /** A key estimate: the key, its correlation with the profile, and the runner-up with its own. */
  public record Estimate(Key key, double correlation, Key runnerUp, double runnerUpCorrelation)
      implements Serializable {
    /** The best correlation clamped to [0, 1]: how key-like the pitch content is. */
    public double confidence() {
      return Math.max(0, Math.min(1, correlation));
    }

    /** How far the winner's correlation is ahead of the runner-up's. */
    public double margin() {
      return correlation - runnerUpCorrelation;
    }

    public int tonic() {
      return key.tonic();
    }

    public Key.Mode mode() {
      return key.mode();
    }

    /** "A minor" and the like. */
    public String name() {
      return key.toString();
    }
  }
}
