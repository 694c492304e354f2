package io.klio.image;

import io.klio.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs ffmpeg (and other tools) as the independent reference. */
public final class Ffmpeg {
  private Ffmpeg() {}

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
    Commands.run(cmd.toArray(String[]::new));
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
    Commands.run(cmd.toArray(String[]::new));
    return Image.fromRgbBytes(width, height, Files.readAllBytes(raw));
  }
}
