package io.klio.runtime.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" for misspelt keys, job names and variables: the closest known name, if close. */
public final class Suggestions {
  private Suggestions() {}

  /** {@code "; did you mean 'x'?"}, or empty when nothing known is within a few typos. */
  public static String didYouMean(String given, Collection<String> known) {
    String lower = given.toLowerCase(Locale.ROOT);
    return known.stream()
        .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()))
        .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= Math.max(2, given.length() / 3))
        .map(k -> "; did you mean '" + k + "'?")
        .orElse("");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
