package io.klio.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.testsupport.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnsetsTest {
  @TempDir Path tmp;

  @Test
  void evaluationMatchesOneToOneWithin50Ms() {
    // two estimates near one reference count once; 60 ms off does not count
    OnsetEval e = OnsetEval.of(new double[] {1.0, 2.0, 3.0}, new double[] {0.98, 1.02, 2.06});
    assertThat(e.matches()).isEqualTo(1);
    assertThat(e.precision()).isEqualTo(1 / 3.0);
    assertThat(e.recall()).isEqualTo(1 / 3.0);
    // a matching that needs augmenting: greedy would pair 1.04 with 1.0 and leave 1.08 unmatched
    assertThat(OnsetEval.of(new double[] {1.0, 1.08}, new double[] {1.04, 0.99}).matches())
        .isEqualTo(2);
  }

  @Test
  void notesOfVariedPitchAndLoudnessAtRandomTimes() {
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed);
      List<Double> onsets = randomTimes(rnd, 20);
      float[] x = new float[44100 * 20];
      for (double t : onsets) {
        double hz = 110 * Math.pow(2, 4 * rnd.nextDouble()); // 110 .. 1760 Hz
        double db = -30 + 24 * rnd.nextDouble();
        double decay = 0.1 + 0.3 * rnd.nextDouble();
        addNote(x, 44100, t, hz, db, decay);
      }
      check("notes, seed " + seed, AudioClip.wrap(44100, new float[][] {x}), onsets);
    }
  }

  @Test
  void pluckedStringsAndDrumLikeHits() {
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(100 + seed);
      List<Double> onsets = randomTimes(rnd, 20);
      float[] x = new float[22050 * 20];
      for (double t : onsets) {
        double db = -30 + 24 * rnd.nextDouble();
        if (rnd.nextBoolean()) {
          addPluck(x, 22050, t, 80 * Math.pow(2, 3 * rnd.nextDouble()), db, rnd);
        } else {
          addHit(x, 22050, t, db, rnd);
        }
      }
      check("plucks and hits, seed " + seed, AudioClip.wrap(22050, new float[][] {x}), onsets);
    }
  }

  @Test
  void soxPluckSequence() throws Exception {
    assumeTrue(Commands.onPath("sox"), "sox not on PATH");
    Random rnd = new Random(7);
    List<String> cmd = new ArrayList<>(List.of("sox"));
    List<Double> onsets = new ArrayList<>();
    double t = 0.25; // leading silence (pad below)
    for (int i = 0; i < 40; i++) {
      double seconds = 0.15 + 0.45 * rnd.nextDouble();
      double hz = 440 * Math.pow(2, (40 + rnd.nextInt(45) - 69) / 12.0); // MIDI 40 .. 84
      Path note = tmp.resolve("n" + i + ".wav");
      Commands.run(
          "sox",
          "-n",
          "-r",
          "44100",
          "-c",
          "1",
          note.toString(),
          "synth",
          String.format("%.4f", seconds),
          "pluck",
          String.format("%.2f", hz),
          "vol",
          String.format("%.3f", Math.pow(10, (-24 + 20 * rnd.nextDouble()) / 20)));
      cmd.add(note.toString());
      onsets.add(t);
      t += Math.round(seconds * 44100) / 44100.0;
    }
    Path out = tmp.resolve("seq.wav");
    cmd.addAll(List.of(out.toString(), "pad", "0.25"));
    Commands.run(cmd.toArray(String[]::new));
    check("sox pluck sequence", AudioFiles.read(out), onsets);
  }

  @Test
  void silenceAndASteadyToneHaveNoOnsetsBeyondTheStart() {
    assertThat(Onsets.detect(AudioClip.silence(22050, 1, 22050 * 3)).size()).isZero();
    double[] tone = Onsets.detect(io.klio.audio.synth.Synth.tone(44100, 5, 440, -10)).times();
    // at most its start and its end (where the window cuts the tone off: broadband)
    assertThat(java.util.Arrays.stream(tone).filter(v -> v > 0.1 && v < 4.9))
        .as("onsets while the tone sustains")
        .isEmpty(); // at most the tone's own start
  }

  /** Onset times from 0.3 s, gaps of 0.12 .. 0.6 s, until 0.5 s before the end. */
  private static List<Double> randomTimes(Random rnd, double seconds) {
    List<Double> t = new ArrayList<>();
    for (double v = 0.3; v < seconds - 0.5; v += 0.12 + 0.48 * rnd.nextDouble()) {
      t.add(v);
    }
    return t;
  }

  private static void check(String what, AudioClip clip, List<Double> truth) {
    double[] ref = truth.stream().mapToDouble(Double::doubleValue).toArray();
    Onsets plain = Onsets.detect(clip);
    Onsets back = Onsets.detect(clip, Onsets.Picking.DEFAULT, true);
    OnsetEval e = OnsetEval.of(ref, plain.times());
    OnsetEval b = OnsetEval.of(ref, back.times());
    System.out.printf(
        "onsets %s: %s, mean offset %+.1f ms; backtracked: %s, mean offset %+.1f ms%n",
        what, e, 1000 * meanOffset(ref, plain.times()), b, 1000 * meanOffset(ref, back.times()));
    assertThat(e.f()).as(what).isGreaterThanOrEqualTo(0.9);
    // backtracking moves each onset to the start of its rise: same count, never later, and not
    // by more than 100 ms (it aims before the attack, so F against the attack times is lower)
    assertThat(back.size()).isEqualTo(plain.size());
    for (int i = 0; i < plain.size(); i++) {
      assertThat(back.time(i)).as(what).isBetween(plain.time(i) - 0.1, plain.time(i));
    }
  }

  /** Mean of (nearest estimate - reference) over references with an estimate within 50 ms. */
  private static double meanOffset(double[] ref, double[] est) {
    double sum = 0;
    int n = 0;
    for (double r : ref) {
      double best = Double.POSITIVE_INFINITY;
      for (double e : est) {
        if (Math.abs(e - r) < Math.abs(best)) {
          best = e - r;
        }
      }
      if (Math.abs(best) <= OnsetEval.WINDOW) {
        sum += best;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * A note: three harmonics, 5 ms linear attack, exponential decay, for 10 time constants (-87 dB:
   * cut off sooner, its end would be a click and rightly detected).
   */
  private static void addNote(float[] x, int rate, double t, double hz, double db, double decay) {
    int start = (int) Math.round(t * rate);
    double a = Math.pow(10, db / 20);
    for (int i = 0; i < rate * 10 * decay && start + i < x.length; i++) {
      double s = i / (double) rate;
      double env = Math.min(1, s / 0.005) * Math.exp(-s / decay);
      double w = 2 * Math.PI * hz * s;
      x[start + i] +=
          (float) (a * env * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.25 * Math.sin(3 * w)));
    }
  }

  /**
   * A Karplus-Strong plucked string: a noise burst in a delay line with a two-point average and a
   * loss that brings it 60 dB down in 0.8 s, for 1.5 s.
   */
  private static void addPluck(float[] x, int rate, double t, double hz, double db, Random rnd) {
    int start = (int) Math.round(t * rate);
    int period = (int) Math.round(rate / hz);
    double[] line = new double[period];
    for (int i = 0; i < period; i++) {
      line[i] = 2 * rnd.nextDouble() - 1;
    }
    double a = Math.pow(10, db / 20);
    double loss = Math.pow(10, -3 / (0.8 * rate / period));
    for (int i = 0; i < rate * 1.5 && start + i < x.length; i++) {
      int k = i % period;
      double v = line[k];
      x[start + i] += (float) (a * v);
      line[k] = loss * 0.5 * (v + line[(k + 1) % period]);
    }
  }

  /** A drum-like hit: noise with a 30 ms exponential decay. */
  private static void addHit(float[] x, int rate, double t, double db, Random rnd) {
    int start = (int) Math.round(t * rate);
    double a = Math.pow(10, db / 20);
    for (int i = 0; i < rate / 4 && start + i < x.length; i++) {
      x[start + i] += (float) (a * rnd.nextGaussian() * 0.3 * Math.exp(-i / (0.03 * rate)));
    }
  }
}
