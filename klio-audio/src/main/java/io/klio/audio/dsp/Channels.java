package io.klio.audio.dsp;

import io.klio.audio.AudioClip;

/** Channel layout changes: mixing down to mono, spreading mono to stereo, mixing clips. */
public final class Channels {
  private Channels() {}

  /**
   * The average of all channels, as a mono clip. Averaging (rather than summing) never clips and
   * keeps a mono signal duplicated on both channels at its level; uncorrelated channels drop by 3
   * dB, which is what a listener of a mono speaker hears too.
   */
  public static AudioClip toMono(AudioClip clip) {
    if (clip.channelCount() == 1) {
      return clip;
    }
    return AudioClip.wrap(clip.sampleRate(), new float[][] {clip.monoSamples()});
  }

  /** The same signal on {@code channels} channels (mono in, copies out). */
  public static AudioClip spread(AudioClip mono, int channels) {
    if (mono.channelCount() != 1) {
      throw new IllegalArgumentException("expected a mono clip, got " + mono.channelCount());
    }
    float[][] out = new float[channels][];
    for (int c = 0; c < channels; c++) {
      out[c] = mono.channel(0);
    }
    return AudioClip.wrap(mono.sampleRate(), out);
  }

  /**
   * The sample-wise sum of clips of equal rate and channel count; the result is as long as the
   * longest, shorter clips count as silence after their end. No normalisation: use {@link Levels}.
   */
  public static AudioClip mix(AudioClip... clips) {
    if (clips.length == 0) {
      throw new IllegalArgumentException("nothing to mix");
    }
    int rate = clips[0].sampleRate();
    int ch = clips[0].channelCount();
    int n = 0;
    for (AudioClip c : clips) {
      if (c.sampleRate() != rate || c.channelCount() != ch) {
        throw new IllegalArgumentException(
            "cannot mix " + c + " with " + clips[0] + ": rates and channel counts must match");
      }
      n = Math.max(n, c.frameCount());
    }
    float[][] out = new float[ch][n];
    for (AudioClip clip : clips) {
      for (int c = 0; c < ch; c++) {
        for (int i = 0; i < clip.frameCount(); i++) {
          out[c][i] += clip.sample(c, i);
        }
      }
    }
    return AudioClip.wrap(rate, out);
  }
}
