package io.klio.audio.analysis;

import java.io.Serializable;
import java.util.Arrays;

/** A tempo in beats per minute and the times of the beats in seconds; immutable. */
public final class Beats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double tempoBpm;
  private final double[] times;

  public Beats(double tempoBpm, double[] times) {
    this.tempoBpm = tempoBpm;
    this.times = times.clone();
  }

  public double tempoBpm() {
    return tempoBpm;
  }

  /** Beat times in seconds from the start of the clip (a copy). */
  public double[] times() {
    return times.clone();
  }

  public int count() {
    return times.length;
  }

  @Override
  public String toString() {
    return String.format("Beats[%.2f BPM, %d beats]", tempoBpm, times.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Beats b && b.tempoBpm == tempoBpm && Arrays.equals(b.times, times);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(tempoBpm) * 31 + Arrays.hashCode(times);
  }
}
