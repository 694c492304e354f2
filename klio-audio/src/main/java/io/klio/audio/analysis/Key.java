package io.klio.audio.analysis;

import java.io.Serializable;
import java.util.Locale;

/**
 * A musical key: a tonic pitch class (0 = C, 1 = C#/Db, ..., 11 = B) and a mode. Shared by {@link
 * KeyDetector} and the test-material generator {@link io.klio.audio.synth.Chords}. Its {@link
 * #toString()} is the usual name, e.g. "F# major", "Bb minor", spelt as key signatures usually are:
 * Db, Eb, Ab, Bb major and F#, C#, G# minor, Eb, Bb minor.
 */
public record Key(int tonic, Mode mode) implements Serializable {
  public enum Mode {
    MAJOR,
    MINOR;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String[] MAJOR_NAMES = {
    "C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"
  };
  private static final String[] MINOR_NAMES = {
    "C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B"
  };

  public Key {
    if (tonic < 0 || tonic > 11) {
      throw new IllegalArgumentException("tonic must be a pitch class 0..11, was " + tonic);
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode is null");
    }
  }

  public static Key of(int tonic, Mode mode) {
    return new Key(Math.floorMod(tonic, 12), mode);
  }

  /** All 24 keys: C major, C minor, C# major, ... (tonic-major order). */
  public static Key[] all() {
    Key[] keys = new Key[24];
    for (int i = 0; i < 24; i++) {
      keys[i] = new Key(i / 2, i % 2 == 0 ? Mode.MAJOR : Mode.MINOR);
    }
    return keys;
  }

  /**
   * Parses a name such as "A minor", "F# major", "Bb major" or "c# MINOR" (a letter, optional
   * {@code #} or {@code b}, a space, the mode).
   */
  public static Key parse(String name) {
    String[] parts = name.trim().split("\\s+");
    if (parts.length != 2 || parts[0].isEmpty() || parts[0].length() > 2) {
      throw new IllegalArgumentException("not a key name: '" + name + "'");
    }
    int pc =
        switch (Character.toUpperCase(parts[0].charAt(0))) {
          case 'C' -> 0;
          case 'D' -> 2;
          case 'E' -> 4;
          case 'F' -> 5;
          case 'G' -> 7;
          case 'A' -> 9;
          case 'B' -> 11;
          default -> throw new IllegalArgumentException("not a key name: '" + name + "'");
        };
    if (parts[0].length() == 2) {
      char acc = parts[0].charAt(1);
      if (acc != '#' && acc != 'b') {
        throw new IllegalArgumentException("not a key name: '" + name + "'");
      }
      pc += acc == '#' ? 1 : -1;
    }
    Mode mode;
    try {
      mode = Mode.valueOf(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a key name: '" + name + "'");
    }
    return of(pc, mode);
  }

  /** The relative key: same key signature, other mode (A minor for C major and back). */
  public Key relative() {
    return mode == Mode.MAJOR ? of(tonic + 9, Mode.MINOR) : of(tonic + 3, Mode.MAJOR);
  }

  /** The parallel key: same tonic, other mode. */
  public Key parallel() {
    return new Key(tonic, mode == Mode.MAJOR ? Mode.MINOR : Mode.MAJOR);
  }

  /** The tonic's name as this key spells it, e.g. "F#", "Bb". */
  public String tonicName() {
    return (mode == Mode.MAJOR ? MAJOR_NAMES : MINOR_NAMES)[tonic];
  }

  @Override
  public String toString() {
    return tonicName() + " " + mode;
  }
}
