package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.synth.Chords;
import io.klio.audio.synth.Chords.Progression;
import io.klio.audio.synth.Synth;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDetectorTest {
  @TempDir Path tmp;

  /** Progressions that open on the tonic chord; ii-V-I opens on ii (see the next test). */
  static boolean opensOnTonic(Progression p) {
    return p != Progression.II_V_I && p != Progression.MINOR_II_V_I;
  }

  @Test
  void findsTheKeyOfProgressionsInAll24Keys() {
    Map<KeyDetector.Profile, Tally> opening = new TreeMap<>();
    Map<KeyDetector.Profile, Tally> twoFiveOne = new TreeMap<>();
    long seed = 1;
    for (Key key : Key.all()) {
      for (Progression p : Progression.of(key.mode())) {
        double[] mean = Chroma.of(Chords.render(key, p, 8, 22050, seed++)).mean();
        for (KeyDetector.Profile prof : KeyDetector.Profile.values()) {
          KeyDetector.Estimate e = KeyDetector.detect(mean, prof);
          (opensOnTonic(p) ? opening : twoFiveOne)
              .computeIfAbsent(prof, x -> new Tally())
              .add(key, p, e);
        }
      }
    }
    opening.forEach((prof, t) -> System.out.printf("key, tonic-first, %s: %s", prof, t));
    twoFiveOne.forEach((prof, t) -> System.out.printf("key, ii-V-I, %s: %s", prof, t));
    Tally a = opening.get(KeyDetector.DEFAULT_PROFILE);
    Tally b = twoFiveOne.get(KeyDetector.DEFAULT_PROFILE);
    assertThat(a.total + b.total).isEqualTo(96);
    assertThat(a.right + b.right).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * 96));
  }

  static final class Tally {
    int right;
    int total;
    final Map<String, Integer> errors = new TreeMap<>();
    final List<String> wrong = new ArrayList<>();

    void add(Key truth, Progression p, KeyDetector.Estimate e) {
      total++;
      if (e.key().equals(truth)) {
        right++;
      } else {
        errors.merge(kind(truth, e.key()), 1, Integer::sum);
        wrong.add(String.format("%s %s -> %s", truth, p, e.key()));
      }
    }

    @Override
    public String toString() {
      return String.format("%d of %d right; errors %s %s%n", right, total, errors, wrong);
    }
  }

  /** How a wrong key relates to the true one. */
  static String kind(Key truth, Key found) {
    if (found.equals(truth.relative())) {
      return "relative";
    }
    if (found.equals(truth.parallel())) {
      return "parallel";
    }
    int up = Math.floorMod(found.tonic() - truth.tonic(), 12);
    if (found.mode() == truth.mode() && (up == 7 || up == 5)) {
      return up == 7 ? "dominant" : "subdominant";
    }
    return "other";
  }

  @Test
  void soxPluckedProgressions() throws Exception {
    assumeTrue(Commands.onPath("sox"), "sox not on PATH");
    // D major I-IV-V-I and E minor i-iv-V-i (harmonic-minor V: B D# F#), MIDI notes per chord
    int[][][] pieces = {
      {{50, 54, 57}, {55, 59, 62}, {57, 61, 64}, {50, 54, 57}},
      {{52, 55, 59}, {57, 60, 64}, {59, 63, 66}, {52, 55, 59}},
    };
    String[] expected = {"D major", "E minor"};
    for (int i = 0; i < pieces.length; i++) {
      List<String> cmd = new ArrayList<>(List.of("sox", "-R"));
      for (int c = 0; c < pieces[i].length; c++) {
        Path f = tmp.resolve("p" + i + "c" + c + ".wav");
        List<String> synth = new ArrayList<>(List.of("sox", "-R", "-r", "44100", "-n", "-c", "3"));
        synth.addAll(List.of(f.toString(), "synth", "1"));
        for (int midi : pieces[i][c]) {
          synth.addAll(List.of("pluck", String.valueOf(ChromaTest.hz(midi))));
        }
        synth.addAll(List.of("gain", "-6"));
        Commands.run(synth.toArray(new String[0]));
        cmd.add(f.toString());
      }
      Path out = tmp.resolve("piece" + i + ".wav");
      cmd.add(out.toString());
      Commands.run(cmd.toArray(new String[0]));
      KeyDetector.Estimate e = KeyDetector.detect(AudioFiles.read(out));
      System.out.printf(
          "sox %s: %s (r %.3f, runner-up %s %.3f)%n",
          expected[i], e.name(), e.correlation(), e.runnerUp(), e.runnerUpCorrelation());
      assertThat(e.name()).isEqualTo(expected[i]);
    }
  }

  @Test
  void noiseAndSilenceAreNotKeyLike() {
    KeyDetector.Estimate noise = KeyDetector.detect(Synth.noise(22050, 5, -20, 3));
    KeyDetector.Estimate chords =
        KeyDetector.detect(
            Chords.render(Key.of(9, Key.Mode.MINOR), Progression.MINOR_I_IV_V_I, 8, 22050, 1));
    System.out.printf(
        "confidence: chords %.3f (margin %.3f), white noise %.3f (margin %.3f)%n",
        chords.confidence(), chords.margin(), noise.confidence(), noise.margin());
    assertThat(chords.name()).isEqualTo("A minor");
    assertThat(chords.confidence()).isGreaterThan(noise.confidence() + 0.3);
    KeyDetector.Estimate silence = KeyDetector.detect(AudioClip.silence(22050, 1, 22050));
    assertThat(silence.confidence()).isZero();
  }

  @Test
  void keyNamesParseAndRelate() {
    assertThat(Key.of(6, Key.Mode.MAJOR)).hasToString("F# major");
    assertThat(Key.of(10, Key.Mode.MINOR)).hasToString("Bb minor");
    assertThat(Key.of(-3, Key.Mode.MINOR)).hasToString("A minor");
    for (Key k : Key.all()) {
      assertThat(Key.parse(k.toString())).isEqualTo(k);
      assertThat(k.relative().relative()).isEqualTo(k);
    }
    assertThat(Key.parse("a# minor")).isEqualTo(Key.of(10, Key.Mode.MINOR));
    assertThat(Key.parse("Gb MAJOR")).isEqualTo(Key.of(6, Key.Mode.MAJOR));
    assertThat(Key.of(0, Key.Mode.MAJOR).relative()).hasToString("A minor");
    assertThatThrownBy(() -> Key.parse("H major")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Key.parse("C dorian")).isInstanceOf(IllegalArgumentException.class);
  }
}
