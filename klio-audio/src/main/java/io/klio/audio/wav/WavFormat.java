package io.klio.audio.wav;

/**
 * Sample encodings that {@link WavWriter} writes and {@link WavReader} reads.
 *
 * <p>{@link WavReader} additionally reads 8-bit unsigned and 32-bit integer PCM and 64-bit float,
 * which it reports as the nearest of these for information only.
 */
public enum WavFormat {
  /** 8-bit unsigned integer PCM (read only in practice; written for completeness). */
  PCM_8(8, false),
  /** 16-bit signed integer PCM, the CD format: 96 dB of dynamic range, lossy for float input. */
  PCM_16(16, false),
  /** 24-bit signed integer PCM: 144 dB of dynamic range. */
  PCM_24(24, false),
  /** 32-bit signed integer PCM. */
  PCM_32(32, false),
  /** 32-bit IEEE float: exactly the in-memory representation of an {@code AudioClip}. */
  FLOAT_32(32, true),
  /** 64-bit IEEE float (read only; written samples are widened from float). */
  FLOAT_64(64, true);

  private final int bits;
  private final boolean floating;

  WavFormat(int bits, boolean floating) {
    this.bits = bits;
    this.floating = floating;
  }

  /** Bits per sample. */
  public int bitsPerSample() {
    return bits;
  }

  /** Bytes per sample of one channel. */
  public int bytesPerSample() {
    return bits / 8;
  }

  /** Whether samples are IEEE floating point (format tag 3) rather than integer PCM (tag 1). */
  public boolean isFloat() {
    return floating;
  }

  static WavFormat of(int bits, boolean floating) {
    for (WavFormat f : values()) {
      if (f.bits == bits && f.floating == floating) {
        return f;
      }
    }
    return null;
  }
}
