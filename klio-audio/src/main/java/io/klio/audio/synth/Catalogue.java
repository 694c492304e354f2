package io.klio.audio.synth;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.analysis.Key;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Levels;
import io.klio.audio.wav.WavFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a catalogue of synthetic tracks with ground truth: {@code N} stereo 16-bit WAV files
 * ({@code track-0000.wav}, ...) at 44.1 or 48 kHz, plus {@code catalogue.json} and {@code
 * catalogue.csv} listing what each contains (see {@link CatalogueEntry}).
 *
 * <p>Kinds cycle {@code music, speech, tone, speech-over-music}; {@code music} is a click track and
 * a chord pad in a key (a chord per bar, on the beat; {@link Chords}), {@code speech-over-music}
 * the same under speech-like noise. Tempo (70-170 BPM), key and progression, tone frequency
 * (110-1760 Hz), levels, rates and a level step (the second half 0-{@value #STEP_DB} dB quieter)
 * are drawn from generators seeded with {@code seed}, so the same arguments always give
 * byte-identical files. This is the input of the sample DAG, whose results are checked against this
 * ground truth.
 *
 * <p>Command line: {@code Catalogue <dir> [count=8] [seed=1] [seconds=20]}.
 */
public final class Catalogue {
  private static final String[] KINDS = {"music", "speech", "tone", "speech-over-music"};

  /** The largest level step, dB. */
  static final int STEP_DB = 8;

  /** How long the level takes to step down, seconds. */
  static final double STEP_RAMP_SECONDS = 0.5;

  private Catalogue() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: Catalogue <dir> [count=8] [seed=1] [seconds=20]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 20;
    List<CatalogueEntry> entries = generate(dir, count, seed, seconds);
    System.out.println("wrote " + entries.size() + " files and catalogue.json/csv to " + dir);
  }

  /** Writes {@code count} files of {@code seconds} each into {@code dir} (created if missing). */
  public static List<CatalogueEntry> generate(Path dir, int count, long seed, double seconds)
      throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(seed);
    // a second generator for what came later (keys, chords, level steps), so that the first still
    // draws the tempos, levels and rates it drew before
    Random levels = new Random(~seed);
    List<CatalogueEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String kind = KINDS[i % KINDS.length];
      String id = String.format("track-%04d", i);
      int rate = rnd.nextBoolean() ? 44100 : 48000;
      double bpm = Double.NaN, first = Double.NaN, hz = Double.NaN, toneDb = Double.NaN;
      double speechDb = Double.NaN, syl = Double.NaN;
      Key key = null;
      Chords.Progression progression = null;
      List<AudioClip> parts = new ArrayList<>();
      if (kind.equals("music") || kind.equals("speech-over-music")) {
        bpm = 70 + Math.round(rnd.nextDouble() * 1000) / 10.0;
        first = 0.25 + Math.round(rnd.nextDouble() * 100) / 1000.0;
        parts.add(Synth.pan(Synth.clickTrack(rate, seconds, bpm, first, -6), 0));
        rnd.nextInt(49); // the tone these kinds had before chords, drawn to keep the sequence
        toneDb = -24 - rnd.nextInt(7);
        key = Key.all()[levels.nextInt(24)];
        // not a looped ii-V-I: two of its three chords hold the dominant's root, so by its notes
        // alone it is as much in the dominant key (KeyDetector's documented weak spot)
        List<Chords.Progression> progressions = new ArrayList<>(Chords.Progression.of(key.mode()));
        progressions.remove(Chords.Progression.II_V_I);
        progression = progressions.get(levels.nextInt(progressions.size()));
        parts.add(
            Synth.pan(chords(rate, seconds, key, progression, bpm, first, toneDb, levels), -0.3));
      }
      if (kind.equals("tone")) {
        hz = 110 * Math.pow(2, rnd.nextInt(49) / 12.0);
        toneDb = -6 - rnd.nextInt(19);
        parts.add(Synth.pan(Synth.tone(rate, seconds, hz, toneDb), 0));
      }
      if (kind.equals("speech") || kind.equals("speech-over-music")) {
        syl = 3.5 + Math.round(rnd.nextDouble() * 10) / 10.0;
        speechDb = kind.equals("speech") ? -20 - rnd.nextInt(7) : -18;
        parts.add(Synth.pan(Synth.speechLike(rate, seconds, syl, speechDb, rnd.nextLong()), 0.2));
      }
      double stepDb = levels.nextInt(STEP_DB + 1);
      AudioClip mix = stepDown(Channels.mix(parts.toArray(new AudioClip[0])), stepDb);
      String file = id + ".wav";
      AudioFiles.writeWav(dir.resolve(file), mix, WavFormat.PCM_16);
      entries.add(
          new CatalogueEntry(
              id,
              file,
              kind,
              rate,
              2,
              seconds,
              bpm,
              first,
              hz,
              toneDb,
              speechDb,
              syl,
              stepDb,
              key == null ? null : key.toString(),
              progression == null ? null : progression.toString()));
    }
    StringBuilder csv = new StringBuilder(CatalogueEntry.CSV_HEADER).append('\n');
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < entries.size(); i++) {
      csv.append(entries.get(i).csv()).append('\n');
      json.append("  ").append(entries.get(i).json()).append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    json.append("]\n");
    Files.writeString(dir.resolve("catalogue.csv"), csv, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("catalogue.json"), json, StandardCharsets.UTF_8);
    return entries;
  }

  /**
   * The second half {@code db} quieter, the gain moving linearly in dB over {@link
   * #STEP_RAMP_SECONDS} around the middle: steady material then has a loudness range of {@code db}
   * (the 10th percentile of its short-term loudness on the quiet half, the 95th on the loud one).
   */
  private static AudioClip stepDown(AudioClip clip, double db) {
    if (db == 0) {
      return clip;
    }
    int rate = clip.sampleRate();
    int frames = clip.frameCount();
    double middle = frames / 2.0;
    double ramp = STEP_RAMP_SECONDS * rate;
    float[][] out = new float[clip.channelCount()][];
    for (int c = 0; c < out.length; c++) {
      float[] x = clip.channel(c);
      out[c] = new float[frames];
      for (int i = 0; i < frames; i++) {
        double along = Math.max(0, Math.min(1, (i - middle + ramp / 2) / ramp));
        out[c][i] = (float) (x[i] * Math.pow(10, -db * along / 20));
      }
    }
    return AudioClip.wrap(rate, out);
  }

  /**
   * A chord progression played as a pad, a chord per bar of four beats from the first beat, peaking
   * at {@code peakDbfs}.
   */
  private static AudioClip chords(
      int rate,
      double seconds,
      Key key,
      Chords.Progression progression,
      double bpm,
      double firstBeat,
      double peakDbfs,
      Random rnd) {
    double bar = 4 * 60 / bpm;
    int bars = (int) Math.ceil((seconds - firstBeat) / bar);
    AudioClip played = Chords.pad(key, progression, bars * bar, bar, rate, rnd.nextLong());
    float[] x = new float[Synth.frames(rate, seconds)];
    int offset = Synth.frames(rate, firstBeat);
    float[] notes = played.channel(0);
    System.arraycopy(notes, 0, x, offset, Math.min(notes.length, x.length - offset));
    return Levels.gainDb(AudioClip.wrap(rate, new float[][] {x}), peakDbfs - Chords.PEAK_DBFS);
  }
}
