package io.klio.processor.base;

/** Name conversions between method names, job names and class names. */
public final class Strings {
  private Strings() {}

  /**
   * {@code "trackBeats"} becomes {@code "track-beats"}, {@code "loadMP3"} becomes {@code
   * "load-mp3"}.
   */
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
}
