package io.klio.processor.model;

/**
 * How values of one type are stored: a built-in codec or a {@code @KlioCodec} class. Generated code
 * instantiates it.
 */
public record StorageCodec(Kind kind, String codecClass) {
  public enum Kind {
    BYTES,
    STRING,
    LOCAL_FILE,
    JSON,
    CUSTOM
  }

  /** Raw bytes and local files carry any content, so they read the output of any producer. */
  public boolean isUntyped() {
    return kind == Kind.BYTES || kind == Kind.LOCAL_FILE;
  }
}
