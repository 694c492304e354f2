package io.klio.runners;

import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import io.klio.samples.LoudnessResult;
import io.klio.samples.Tempo;

/**
 * A job with two parents on top of the sample DAG, so that the runner tests also cover a job that
 * runs only for the elements both its parents passed on, which the sample DAG, where every job has
 * one parent, never needs.
 */
public final class SummaryJobs {
  private SummaryJobs() {}

  /** Tempo and loudness of a track side by side. */
  @KlioJob(
      name = "track-summary",
      parents = {"beat-tracking", "loudness"})
  @Output(location = "${data}/summaries/{id}.json")
  public static TrackSummary trackSummary(
      @Input(from = "beat-tracking") Tempo tempo,
      @Input(from = "loudness") LoudnessResult loudness) {
    return new TrackSummary(tempo.bpm(), loudness.integratedLufs());
  }

  /** The output of {@code track-summary}. */
  public record TrackSummary(double bpm, double integratedLufs) {}
}
