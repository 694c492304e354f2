package io.klio.runtime.config;

/**
 * A {@code klio.yaml} (or {@code --var}) problem, worded so the user can fix it without reading
 * code: {@code "klio.yaml: jobs.beat-tracking.retries: must be a whole number ≥ 0, got 'two'"}.
 */
public final class KlioConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file name (or {@code command line})
   * @param where the offending key path ({@code jobs.x.retries}) or position ({@code line 3, column
   *     5}); empty for the document as a whole
   * @param problem what is wrong and, where possible, what would be right
   */
  public KlioConfigException(String source, String where, String problem) {
    super(source + ": " + (where.isEmpty() ? "" : where + ": ") + problem);
  }
}
