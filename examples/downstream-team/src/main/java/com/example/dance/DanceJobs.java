package com.example.dance;

import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import io.klio.audio.AudioClip;
import io.klio.samples.Tempo;

/**
 * Another team's job on top of the sample DAG, which it only knows as a jar: its parent {@code
 * beat-tracking} and the types it reads are checked against that jar at compile time.
 */
public final class DanceJobs {
  private DanceJobs() {}

  /** How danceable a track is: tempo near 120 BPM and a steady beat. */
  @KlioJob(name = "danceability", parents = "beat-tracking")
  @Output(location = "${data}/danceability/{id}.json")
  public static Danceability danceability(
      @Input Tempo tempo, @Input(from = "downsample") AudioClip audio) {
    double tempoFit = Math.exp(-Math.pow((tempo.bpm() - 120) / 30, 2));
    double steadiness = steadiness(tempo.beats());
    return new Danceability(
        Math.round(tempoFit * steadiness * 1000) / 1000.0, tempo.bpm(), audio.durationSeconds());
  }

  /** 1 for perfectly even beats, falling with the spread of the beat intervals. */
  static double steadiness(double[] beats) {
    if (beats.length < 3) {
      return 0;
    }
    double sum = 0;
    double sumSquares = 0;
    int n = beats.length - 1;
    for (int i = 0; i < n; i++) {
      double interval = beats[i + 1] - beats[i];
      sum += interval;
      sumSquares += interval * interval;
    }
    double mean = sum / n;
    double spread = Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) / mean;
    return Math.max(0, 1 - 5 * spread);
  }

  /** The output of {@code danceability}. */
  public record Danceability(double score, double bpm, double seconds) {}
}
