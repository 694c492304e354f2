package io.klio.audio.analysis;

import java.util.Arrays;

/**
 * Onset evaluation as mir_eval's {@code onset.f_measure} computes it: reference and estimated
 * onsets match one-to-one if they are at most {@code window} seconds apart (a maximum bipartite
 * matching); precision = matches / estimates, recall = matches / references, F their harmonic mean
 * (0 if either list is empty).
 */
record OnsetEval(int matches, int references, int estimates) {
  static final double WINDOW = 0.05;

  static OnsetEval of(double[] reference, double[] estimated) {
    int[] matchOfEstimate = new int[estimated.length];
    Arrays.fill(matchOfEstimate, -1);
    int matches = 0;
    for (int r = 0; r < reference.length; r++) {
      if (augment(r, reference, estimated, matchOfEstimate, new boolean[estimated.length])) {
        matches++;
      }
    }
    return new OnsetEval(matches, reference.length, estimated.length);
  }

  /** Kuhn's augmenting path from reference {@code r}. */
  private static boolean augment(
      int r, double[] ref, double[] est, int[] matchOfEstimate, boolean[] seen) {
    for (int e = 0; e < est.length; e++) {
      if (!seen[e] && Math.abs(ref[r] - est[e]) <= WINDOW) {
        seen[e] = true;
        if (matchOfEstimate[e] < 0
            || augment(matchOfEstimate[e], ref, est, matchOfEstimate, seen)) {
          matchOfEstimate[e] = r;
          return true;
        }
      }
    }
    return false;
  }

  double precision() {
    return estimates == 0 ? 0 : matches / (double) estimates;
  }

  double recall() {
    return references == 0 ? 0 : matches / (double) references;
  }

  double f() {
    double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Override
  public String toString() {
    return String.format(
        "P %.3f R %.3f F %.3f (%d of %d matched, %d detected)",
        precision(), recall(), f(), matches, references, estimates);
  }
}
