package io.klio.runtime.message;

/**
 * Bytes that are not a usable {@code KlioMessage}: they do not parse as the protobuf, or the
 * message carries no element id.
 *
 * <p>Checked, because every reader of Pub/Sub or file events must decide what to do with bad input
 * (the runtime dead-letters it with {@link #getMessage()} as the reason and goes on) instead of
 * letting one bad message fail a bundle.
 */
public class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String reason) {
    super(reason);
  }

  public MalformedMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
