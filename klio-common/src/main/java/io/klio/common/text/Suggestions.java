package io.klio.common.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * "Did you mean" for misspelt names (jobs, parents, config keys, variables): the known names
 * closest to what was given, if they are within a few typos. Case is ignored, since a wrong case is
 * a typo too.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * {@code "; did you mean 'x'?"} for the closest known name, {@code "; did you mean one of 'x',
   * 'y'?"} when several are equally close, or the empty string when none is close; the leading
   * {@code "; "} lets callers append it to a sentence.
   */
  public static String didYouMean(String given, Collection<String> known) {
    List<String> closest = closest(given, known);
    if (closest.isEmpty()) {
      return "";
    }
    if (closest.size() == 1) {
      return "; did you mean '" + closest.get(0) + "'?";
    }
    return "; did you mean one of '" + String.join("', '", closest) + "'?";
  }

  /**
   * The known names at the smallest distance from {@code given}, sorted, if that distance is at
   * most a third of its length (and at least 2): a likely typo rather than another name.
   */
  public static List<String> closest(String given, Collection<String> known) {
    String lower = given.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, given.length() / 3);
    int best = Integer.MAX_VALUE;
    List<String> closest = new ArrayList<>();
    for (String name : new TreeSet<>(known)) {
      int d = distance(lower, name.toLowerCase(Locale.ROOT));
      if (d > allowed || d > best) {
        continue;
      }
      if (d < best) {
        best = d;
        closest.clear();
      }
      closest.add(name);
    }
    return closest;
  }

  /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
  public static int distance(String a, String b) {
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
