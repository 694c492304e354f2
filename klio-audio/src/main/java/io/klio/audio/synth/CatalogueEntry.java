package io.klio.audio.synth;

/**
 * The ground truth of one generated file. Absent quantities are {@code NaN} (numbers) so that the
 * CSV and JSON stay flat.
 *
 * @param id element id, e.g. {@code track-0007}
 * @param file file name inside the catalogue directory
 * @param kind {@code music} (click track + chords), {@code speech} (speech-like noise), {@code
 *     tone} (a pure tone) or {@code speech-over-music}
 * @param sampleRate 44100 or 48000
 * @param channels always 2
 * @param seconds duration
 * @param bpm click-track tempo, NaN without clicks
 * @param firstBeat time of the first click in seconds, NaN without clicks
 * @param toneHz frequency of the {@code tone} kind's tone, NaN for other kinds
 * @param tonePeakDbfs peak level of the tone or of the chords, before panning, NaN without either
 * @param speechRmsDbfs speech-like noise RMS level before panning, NaN without speech
 * @param syllableRate syllables per second of the speech-like noise, NaN without speech
 * @param levelStepDb how much quieter the second half is, dB (0 for none): the loudness range of
 *     steady material (music, tone); speech adds its own
 * @param key the key of the chords, such as {@code "F# minor"}, null without chords
 * @param progression the chords' progression, such as {@code "i-iv-V-i"}, null without chords
 */
public record CatalogueEntry(
    String id,
    String file,
    String kind,
    int sampleRate,
    int channels,
    double seconds,
    double bpm,
    double firstBeat,
    double toneHz,
    double tonePeakDbfs,
    double speechRmsDbfs,
    double syllableRate,
    double levelStepDb,
    String key,
    String progression) {

  /** Whether the file has speech-like content. */
  public boolean hasSpeech() {
    return !Double.isNaN(speechRmsDbfs);
  }

  /** Whether the file has a click track (a tempo). */
  public boolean hasBeat() {
    return !Double.isNaN(bpm);
  }

  static final String CSV_HEADER =
      "id,file,kind,sample_rate,channels,seconds,bpm,first_beat,tone_hz,tone_peak_dbfs,"
          + "speech_rms_dbfs,syllable_rate,level_step_db,key,progression";

  String csv() {
    return String.join(
        ",",
        id,
        file,
        kind,
        Integer.toString(sampleRate),
        Integer.toString(channels),
        num(seconds),
        num(bpm),
        num(firstBeat),
        num(toneHz),
        num(tonePeakDbfs),
        num(speechRmsDbfs),
        num(syllableRate),
        num(levelStepDb),
        key == null ? "" : key,
        progression == null ? "" : progression);
  }

  String json() {
    return String.format(
        "{\"id\": \"%s\", \"file\": \"%s\", \"kind\": \"%s\", \"sampleRate\": %d, \"channels\": %d,"
            + " \"seconds\": %s, \"bpm\": %s, \"firstBeat\": %s, \"toneHz\": %s,"
            + " \"tonePeakDbfs\": %s, \"speechRmsDbfs\": %s, \"syllableRate\": %s,"
            + " \"levelStepDb\": %s, \"key\": %s, \"progression\": %s}",
        id,
        file,
        kind,
        sampleRate,
        channels,
        jnum(seconds),
        jnum(bpm),
        jnum(firstBeat),
        jnum(toneHz),
        jnum(tonePeakDbfs),
        jnum(speechRmsDbfs),
        jnum(syllableRate),
        jnum(levelStepDb),
        jstr(key),
        jstr(progression));
  }

  private static String jstr(String v) {
    return v == null ? "null" : "\"" + v + "\"";
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : trim(v);
  }

  private static String jnum(double v) {
    return Double.isNaN(v) ? "null" : trim(v);
  }

  private static String trim(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.4f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
