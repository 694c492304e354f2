package io.klio.benchmarks;

import java.util.Locale;

/**
 * One line of the benchmark table: what was measured, Klio's figure, the reference's figure
 * measured beside it in the same run, the result (usually their ratio) and the target it is held
 * to, if any.
 */
public record Row(
    String measure, String klio, String reference, String result, String target, Verdict verdict) {

  /** Whether a row holds its target. */
  public enum Verdict {
    MET("yes"),
    MISSED("NO"),
    NONE("");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A ratio of Klio's figure to the reference's, held to {@code atMost} (or to nothing if NaN). */
  public static Row ratio(
      String measure, double klio, double reference, String unit, double atMost) {
    double ratio = klio / reference;
    Verdict verdict =
        Double.isNaN(atMost) ? Verdict.NONE : ratio <= atMost ? Verdict.MET : Verdict.MISSED;
    return new Row(
        measure,
        format(klio, unit),
        format(reference, unit),
        String.format(Locale.ROOT, "%.2fx", ratio),
        Double.isNaN(atMost) ? "" : String.format(Locale.ROOT, "<= %.2fx", atMost),
        verdict);
  }

  /** A figure with no reference beside it. */
  public static Row figure(String measure, String klio, String target, Verdict verdict) {
    return new Row(measure, klio, "", "", target, verdict);
  }

  static String format(double value, String unit) {
    String number =
        value >= 100
            ? String.format(Locale.ROOT, "%,.0f", value)
            : value >= 10
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    return unit.isEmpty() ? number : number + " " + unit;
  }
}
