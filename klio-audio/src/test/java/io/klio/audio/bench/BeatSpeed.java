package io.klio.audio.bench;

import io.klio.audio.AudioClip;
import io.klio.audio.analysis.BeatTracker;
import io.klio.audio.synth.Drums;
import io.klio.audio.synth.Synth;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time of {@link BeatTracker#track(AudioClip)} on 60 s clips as a job calls it: a 22.05 kHz
 * mono drum track and a 44.1 kHz stereo one, after warming the JVM up on the same workload; medians
 * of 7 runs of this thread's CPU time. Not a test.
 */
public final class BeatSpeed {
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    AudioClip mono = Drums.track(22050, 60, 120, Drums.Pattern.HOUSE, true, true, 1).clip();
    AudioClip stereo =
        Synth.pan(
            Drums.track(44100, 60, 120, Drums.Pattern.ROCK_EIGHTHS, true, true, 2).clip(), 0.2);
    for (AudioClip clip : new AudioClip[] {mono, stereo}) {
      long c0 = threads.getCurrentThreadCpuTime();
      BeatTracker.track(clip);
      double cold = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      for (int i = 0; i < 15; i++) {
        BeatTracker.track(clip);
      }
      double[] ms = new double[7];
      for (int i = 0; i < ms.length; i++) {
        long t0 = threads.getCurrentThreadCpuTime();
        BeatTracker.track(clip);
        ms[i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "%5d Hz x %d: first call %.0f ms; warm median %.1f ms CPU per 60 s = %.0fx real time%n",
          clip.sampleRate(),
          clip.channelCount(),
          cold,
          ms[3],
          60000 / ms[3]);
    }
  }
}
