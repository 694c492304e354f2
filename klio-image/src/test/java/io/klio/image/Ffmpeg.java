package io.klio.image;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: runs ffmpeg (and other tools) as the independent reference. */
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

  /** Writes {@code image} as raw rgb24 and has ffmpeg encode it to {@code out} with extra args. */
  public static void encode(Image image, Path out, String... args)
      throws IOException, InterruptedException {
    Path raw = out.resolveSibling(out.getFileName() + ".in.rgb");
    Files.write(raw, image.toRgbBytes());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgb24",
                "-s",
                image.width() + "x" + image.height(),
                "-i",
                raw.toString()));
    cmd.addAll(List.of(args));
    cmd.add(out.toString());
    run(cmd.toArray(String[]::new));
  }

  /** ffmpeg's decode of {@code file} to rgb24, through the video filter {@code vf} (or none). */
  public static Image decode(Path file, int width, int height, String vf)
      throws IOException, InterruptedException {
    Path raw = file.resolveSibling(file.getFileName() + ".out.rgb");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-sws_flags",
                "accurate_rnd+full_chroma_int+bitexact",
                "-i",
                file.toString()));
    if (vf != null) {
      cmd.addAll(List.of("-vf", vf));
    }
    cmd.addAll(List.of("-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString()));
    run(cmd.toArray(String[]::new));
    return Image.fromRgbBytes(width, height, Files.readAllBytes(raw));
  }
}
