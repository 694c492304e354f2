package io.klio.runtime.report;

/**
 * A look at one output on the page.
 *
 * @param body by kind: a data URI (image, audio), the text to show (JSON pretty-printed, text; cut
 *     to {@link Previews#MAX_TEXT_CHARS}), the SHA-256 in hex (other bytes), empty (too large)
 * @param truncated whether {@code body} is only the start of the text
 */
public record Preview(
    String id, String location, Kind kind, long size, String body, boolean truncated) {

  /** How an output is shown. */
  public enum Kind {
    IMAGE,
    AUDIO,
    JSON,
    TEXT,
    /** Other bytes: their size and SHA-256. */
    BYTES,
    /** Over the size cap for embedding: the location and size only. */
    TOO_LARGE
  }
}
