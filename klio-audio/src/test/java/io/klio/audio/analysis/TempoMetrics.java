package io.klio.audio.analysis;

import java.util.Arrays;

/**
 * The usual scores of tempo and beat tracking: accuracy-1 and accuracy-2 of a tempo (Gouyon et al.,
 * "An experimental comparison of audio tempo induction algorithms", IEEE TASLP 2006) and the beat
 * F-measure as mir_eval's {@code beat.f_measure} computes it.
 */
final class TempoMetrics {
  /** Relative tolerance of the tempo accuracies. */
  static final double TEMPO_TOLERANCE = 0.04;

  /** mir_eval's beat matching window, seconds. */
  static final double BEAT_WINDOW = 0.07;

  /** mir_eval ignores beats before this time, seconds, in both sequences. */
  static final double SKIP_SECONDS = 5;

  private TempoMetrics() {}

  /** Accuracy-1: the estimate within 4% of the true tempo. */
  static boolean accuracy1(double estimate, double truth) {
    return Math.abs(estimate - truth) <= TEMPO_TOLERANCE * truth;
  }

  /** Accuracy-2: within 4% of the true tempo or of 2, 1/2, 3 or 1/3 times it. */
  static boolean accuracy2(double estimate, double truth) {
    for (double f : new double[] {1, 2, 0.5, 3, 1 / 3.0}) {
      if (accuracy1(estimate, f * truth)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Beat F-measure: beats before {@value #SKIP_SECONDS} s dropped from both, then the largest
   * one-to-one matching of reference and estimated beats no more than {@value #BEAT_WINDOW} s apart
   * (on a line with a fixed window, matching each in order with the earliest free partner is
   * maximal), {@code F = 2 P R / (P + R)}; 0 if either sequence is empty.
   */
  static double fMeasure(double[] reference, double[] estimate) {
    double[] ref = trim(reference);
    double[] est = trim(estimate);
    if (ref.length == 0 || est.length == 0) {
      return 0;
    }
    int matches = 0;
    for (int i = 0, j = 0; i < ref.length && j < est.length; ) {
      if (Math.abs(ref[i] - est[j]) <= BEAT_WINDOW) {
        matches++;
        i++;
        j++;
      } else if (est[j] < ref[i]) {
        j++;
      } else {
        i++;
      }
    }
    double p = matches / (double) est.length;
    double r = matches / (double) ref.length;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static double[] trim(double[] beats) {
    return Arrays.stream(beats).filter(t -> t >= SKIP_SECONDS).sorted().toArray();
  }
}
