package io.klio.audio;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: runs ffmpeg/sox if they are on PATH. */
public final class Ffmpeg {
  private Ffmpeg() {}

  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** Runs a command, returns its combined output; throws if it fails. */
  public static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(
          "failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + text);
    }
    return text;
  }

  private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf)\\s+LUFS");
  private static final Pattern RANGE = Pattern.compile("LRA:\\s+(-?[0-9.]+)\\s+LU");

  private static final Pattern TRUE_PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf)\\s+dBFS");

  /** True peak, dBTP, as ffmpeg's ebur128 filter reports it with {@code peak=true}. */
  public static double truePeak(Path wav) throws IOException, InterruptedException {
    String out =
        run(
            "ffmpeg",
            "-nostats",
            "-hide_banner",
            "-i",
            wav.toString(),
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-");
    Matcher m = TRUE_PEAK.matcher(out);
    String last = null;
    while (m.find()) {
      last = m.group(1); // the summary comes last
    }
    if (last == null) {
      throw new IOException("no 'Peak: ... dBFS' line in ffmpeg output:\n" + out);
    }
    return last.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(last);
  }

  /** Loudness range as ffmpeg's ebur128 filter reports it in its summary. */
  public static double loudnessRange(Path wav) throws IOException, InterruptedException {
    String out =
        run(
            "ffmpeg",
            "-nostats",
            "-hide_banner",
            "-i",
            wav.toString(),
            "-af",
            "ebur128",
            "-f",
            "null",
            "-");
    Matcher m = RANGE.matcher(out);
    String last = null;
    while (m.find()) {
      last = m.group(1); // the summary comes last
    }
    if (last == null) {
      throw new IOException("no 'LRA: ... LU' line in ffmpeg output:\n" + out);
    }
    return Double.parseDouble(last);
  }

  /** Integrated loudness as ffmpeg's ebur128 filter reports it in its summary. */
  public static double ebur128(Path wav) throws IOException, InterruptedException {
    String out =
        run(
            "ffmpeg",
            "-nostats",
            "-hide_banner",
            "-i",
            wav.toString(),
            "-af",
            "ebur128",
            "-f",
            "null",
            "-");
    Matcher m = INTEGRATED.matcher(out);
    List<String> all = new ArrayList<>();
    while (m.find()) {
      all.add(m.group(1));
    }
    if (all.isEmpty()) {
      throw new IOException("no 'I: ... LUFS' line in ffmpeg output:\n" + out);
    }
    String last = all.get(all.size() - 1); // the summary comes last
    return last.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(last);
  }
}
