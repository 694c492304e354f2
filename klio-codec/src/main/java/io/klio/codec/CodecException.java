package io.klio.codec;

import java.io.IOException;

/** Bytes that a codec cannot decode: a corrupt or unsupported file. */
public class CodecException extends IOException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
