package io.klio.samples;

import io.klio.audio.analysis.Beats;

/**
 * The output of {@code beat-tracking}: tempo in BPM, beat times in seconds, and the tracker's
 * confidence in [0, 1] that there is a beat at all ({@link Beats#confidence()}). The tracker always
 * proposes a tempo; below {@link Beats#BEAT_THRESHOLD} (speech, steady tones, noise) it means
 * nothing.
 */
public record Tempo(double bpm, double[] beats, double confidence) {
  /** Whether the audio has a beat: {@code confidence >= }{@link Beats#BEAT_THRESHOLD}. */
  public boolean hasBeat() {
    return confidence >= Beats.BEAT_THRESHOLD;
  }
}
