package io.klio.processor.base;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Text helpers for names and suggestions. */
public final class Strings {
  private Strings() {}

  /** {@code "trackBeats"} becomes {@code "track-beats"}, {@code "loadMP3"} becomes {@code "load-mp3"}. */
  public static String kebabCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      boolean boundary =
          Character.isUpperCase(c)
              && i > 0
              && (Character.isLowerCase(camel.charAt(i - 1))
                  || Character.isDigit(camel.charAt(i - 1))
                  || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))));
      if (boundary) {
        out.append('-');
      }
      out.append(c == '_' ? '-' : Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** {@code "beat-tracking"} becomes {@code "BeatTracking"}. */
  public static String upperCamel(String kebab) {
    StringBuilder out = new StringBuilder();
    for (String part : kebab.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** The candidate closest to {@code word}, if one is close enough to be a likely typo. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code ": did you mean 'x'?"} or the empty string. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
