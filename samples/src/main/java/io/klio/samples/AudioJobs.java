package io.klio.samples;

import io.klio.annotations.ElementId;
import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import io.klio.audio.AudioClip;
import io.klio.audio.analysis.BeatTracker;
import io.klio.audio.analysis.Beats;
import io.klio.audio.analysis.Descriptors;
import io.klio.audio.analysis.KeyDetector;
import io.klio.audio.analysis.Loudness;
import io.klio.audio.analysis.Mfcc;
import io.klio.audio.analysis.Separation;
import io.klio.audio.analysis.Spectrogram;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Levels;
import io.klio.audio.dsp.Resampler;
import io.klio.audio.image.LabelledSpectrogramImage;
import io.klio.audio.image.SeparationImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The seed DAG of Spotify's Klio, on real signal processing:
 *
 * <pre>
 * downsample ─┬─ beat-tracking ── energy
 *             ├─ loudness
 *             ├─ spectrogram
 *             ├─ separate
 *             ├─ key
 *             ├─ mfcc
 *             ├─ speechiness
 *             └─ instrumentalness
 * </pre>
 *
 * Every job is a plain static method; the Klio processor checks the wiring at compile time and
 * generates one Beam composite per job.
 */
public final class AudioJobs {
  /** The rate the analysis jobs work at, as in the original Klio's downsample job. */
  public static final int ANALYSIS_RATE = 22_050;

  private AudioJobs() {}

  /** Any WAV (or FLAC/MP3) of the catalogue to 22.05 kHz mono, band-limited. */
  @KlioJob(name = "downsample")
  @Output(location = "${data}/downsampled/{id}.wav")
  public static AudioClip downsample(
      @Input(location = "${data}/catalogue/{id}.wav") AudioClip original) {
    return Resampler.resample(Channels.toMono(original), ANALYSIS_RATE);
  }

  @KlioJob(name = "beat-tracking", parents = "downsample")
  @Output(location = "${data}/beats/{id}.json")
  public static Tempo beatTracking(@Input AudioClip audio) {
    Beats beats = BeatTracker.track(audio);
    return new Tempo(round(beats.tempoBpm(), 2), beats.times(), round(beats.confidence(), 3));
  }

  /** Overall energy, and how loud the audio is on the beats against between them. */
  @KlioJob(name = "energy", parents = "beat-tracking")
  @Output(location = "${data}/energy/{id}.json")
  public static Energy energy(@Input Tempo tempo, @Input(from = "downsample") AudioClip audio) {
    Descriptors descriptors = Descriptors.of(audio);
    return new Energy(
        round(descriptors.energy(), 3),
        round(descriptors.rmsDbfs(), 2),
        tempo.beats().length,
        round(BeatEnergy.onBeatContrastDb(audio, tempo.beats()), 2));
  }

  /**
   * EBU R128 loudness, measured on the original (all channels, full rate): integrated loudness,
   * loudness range and true peak, plus the sample peak.
   */
  @KlioJob(name = "loudness", parents = "downsample")
  @Output(location = "${data}/loudness/{id}.json")
  public static LoudnessResult loudness(
      @Input(location = "${data}/catalogue/{id}.wav") AudioClip original) {
    return new LoudnessResult(
        round(Loudness.integrated(original), 2),
        round(Loudness.range(original), 2),
        round(Loudness.truePeak(original), 2),
        round(Levels.toDb(original.peak()), 2));
  }

  /**
   * A log-mel spectrogram as a labelled PNG figure: 384 px tall, frequency axis in Hz/kHz, time
   * axis in seconds, the element id as title, colour bar in dB.
   */
  @KlioJob(name = "spectrogram", parents = "downsample")
  @Output(location = "${data}/spectrograms/{id}.png")
  public static byte[] spectrogram(@Input AudioClip audio, @ElementId String id)
      throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    LabelledSpectrogramImage.writePng(
        Spectrogram.logMel(audio), id + " \u2014 log-mel spectrogram", png);
    return png.toByteArray();
  }

  /** The musical key: the mean chroma of the harmonic part, correlated with key profiles. */
  @KlioJob(name = "key", parents = "downsample")
  @Output(location = "${data}/key/{id}.json")
  public static KeyEstimate key(@Input AudioClip audio) {
    KeyDetector.Estimate estimate = KeyDetector.detect(audio);
    return new KeyEstimate(
        estimate.name(),
        round(estimate.confidence(), 3),
        estimate.runnerUp().toString(),
        round(Math.max(0, estimate.runnerUpCorrelation()), 3));
  }

  /** Timbre: the mean and spread of each of 20 mel-frequency cepstral coefficients. */
  @KlioJob(name = "mfcc", parents = "downsample")
  @Output(location = "${data}/mfcc/{id}.json")
  public static MfccSummary mfcc(@Input AudioClip audio) {
    Mfcc mfcc = Mfcc.of(audio);
    return new MfccSummary(
        mfcc.frames(), mfcc.frameRate(), round(mfcc.mean(), 3), round(mfcc.std(), 3));
  }

  /**
   * The original Klio's audio-spectrograms example: the track's spectrogram split into what repeats
   * (background, by nearest-neighbour filtering) and what does not (foreground, by soft masks),
   * drawn as three labelled figures on one colour scale, stacked in one PNG: full, background,
   * foreground.
   */
  @KlioJob(name = "separate", parents = "downsample")
  @Output(location = "${data}/separated/{id}.png")
  public static byte[] separate(@Input AudioClip audio, @ElementId String id) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    SeparationImage.writePng(Separation.of(audio), id, png);
    return png.toByteArray();
  }

  @KlioJob(name = "speechiness", parents = "downsample")
  @Output(location = "${data}/speechiness/{id}.json")
  public static Score speechiness(@Input AudioClip audio, @ElementId String id) {
    Descriptors d = Descriptors.of(audio);
    return new Score(id, round(d.speechiness(), 3), round(d.modulation(), 3), round(d.duty(), 3));
  }

  @KlioJob(name = "instrumentalness", parents = "downsample")
  @Output(location = "${data}/instrumentalness/{id}.json")
  public static Score instrumentalness(@Input AudioClip audio, @ElementId String id) {
    Descriptors d = Descriptors.of(audio);
    return new Score(
        id, round(d.instrumentalness(), 3), round(d.harmonicity(), 3), round(d.flatness(), 3));
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
  }

  private static double[] round(double[] values, int digits) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = round(values[i], digits);
    }
    return out;
  }
}
