package io.klio.audio;

import io.klio.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: what ffmpeg measures, parsed from its output. */
public final class Ffmpeg {
  private Ffmpeg() {}

  private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf)\\s+LUFS");
  private static final Pattern RANGE = Pattern.compile("LRA:\\s+(-?[0-9.]+)\\s+LU");
  private static final Pattern TRUE_PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf)\\s+dBFS");

  /** Integrated loudness as ffmpeg's ebur128 filter reports it in its summary. */
  public static double ebur128(Path wav) throws IOException, InterruptedException {
    return summaryValue(wav, "ebur128", INTEGRATED, "I: ... LUFS");
  }

  /** Loudness range as ffmpeg's ebur128 filter reports it in its summary. */
  public static double loudnessRange(Path wav) throws IOException, InterruptedException {
    return summaryValue(wav, "ebur128", RANGE, "LRA: ... LU");
  }

  /** True peak, dBTP, as ffmpeg's ebur128 filter reports it with {@code peak=true}. */
  public static double truePeak(Path wav) throws IOException, InterruptedException {
    return summaryValue(wav, "ebur128=peak=true", TRUE_PEAK, "Peak: ... dBFS");
  }

  /** One line of ebur128's running output: time, momentary and short-term loudness. */
  public record LoudnessFrame(double t, double momentary, double shortTerm) {}

  private static final Pattern FRAME =
      Pattern.compile("t:\\s*([0-9.e+-]+)\\s.*?M:\\s*(\\S+)\\s+S:\\s*(\\S+)");

  /**
   * ebur128's per-frame lines ({@code t: ... M: ... S: ...}), every 100 ms. {@code t} is the time
   * of the last sample of the window; values are printed to 0.1 LU, -120.7 before a window is full,
   * and {@code nan} or {@code -inf} (parsed as NaN, -infinity) for some silent windows.
   */
  public static List<LoudnessFrame> ebur128Frames(Path wav)
      throws IOException, InterruptedException {
    String out = filterLog(wav, "ebur128=framelog=info");
    List<LoudnessFrame> frames = new java.util.ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = FRAME.matcher(line);
      if (m.find()) {
        frames.add(
            new LoudnessFrame(
                Double.parseDouble(m.group(1)), parseLufs(m.group(2)), parseLufs(m.group(3))));
      }
    }
    if (frames.isEmpty()) {
      throw new IOException("no 't: ... M: ... S: ...' lines in ffmpeg output:\n" + out);
    }
    return frames;
  }

  private static double parseLufs(String s) {
    return switch (s) {
      case "nan", "-nan" -> Double.NaN;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "inf" -> Double.POSITIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  /**
   * The value {@code line} gives in the summary of the audio {@code filter}: its last match, since
   * the summary comes after the running values.
   */
  private static double summaryValue(Path wav, String filter, Pattern line, String what)
      throws IOException, InterruptedException {
    String out = filterLog(wav, filter);
    Matcher m = line.matcher(out);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new IOException("no '" + what + "' line in ffmpeg output:\n" + out);
    }
    return last.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(last);
  }

  /** What ffmpeg prints while running the audio {@code filter} over {@code wav}. */
  private static String filterLog(Path wav, String filter)
      throws IOException, InterruptedException {
    return Commands.run(
        "ffmpeg",
        "-nostats",
        "-hide_banner",
        "-i",
        wav.toString(),
        "-af",
        filter,
        "-f",
        "null",
        "-");
  }
}
