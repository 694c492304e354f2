package io.klio.audio.bench;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.Ffmpeg;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import io.klio.audio.synth.Synth;
import io.klio.audio.wav.WavFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times downsampling a batch of 60-second stereo 44.1 kHz 16-bit WAV files to 22.05 kHz mono
 * 16-bit WAV with Klio's resampler (read, mix down, resample, write; one thread, after one untimed
 * warm-up file for the JIT) against {@code sox in.wav -r 22050 -c 1 out.wav} and {@code ffmpeg -y
 * -i in.wav -ar 22050 -ac 1 out.wav} (one process per file, as a job would run them), and measures
 * each tool's stopband attenuation (15 kHz tone) and passband gain (1 kHz and 9 kHz tones).
 *
 * <p>Arguments: {@code [files=4] [seconds=60] [workdir=target/bench]}. Not a test: run it as the
 * README says.
 */
public final class DownsampleBenchmark {
  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/bench");
    Files.createDirectories(dir);
    boolean sox = Ffmpeg.onPath("sox");
    boolean ffmpeg = Ffmpeg.onPath("ffmpeg");

    System.out.printf(Locale.ROOT, "generating %d x %.0f s stereo 44.1 kHz 16-bit WAV in %s%n",
        files, seconds, dir);
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i <= files; i++) { // file 0 is the warm-up
      AudioClip clip = Channels.mix(
          Synth.pan(Synth.clickTrack(44100, seconds, 90 + 10 * i, 0.3, -6), 0),
          Synth.pan(Synth.tone(44100, seconds, 220 * (i + 1), -20), -0.4),
          Synth.pan(Synth.speechLike(44100, seconds, 4, -24, i), 0.3),
          Synth.pan(Synth.noise(44100, seconds, -40, i), 0.8));
      Path p = dir.resolve("in-" + i + ".wav");
      AudioFiles.writeWav(p, clip, WavFormat.PCM_16);
      inputs.add(p);
    }

    Resampler resampler = Resampler.of(44100, 22050);
    ours(inputs.get(0), dir.resolve("warmup.wav"), resampler);
    long t0 = System.nanoTime();
    for (int i = 1; i <= files; i++) {
      ours(inputs.get(i), dir.resolve("klio-" + i + ".wav"), resampler);
    }
    double klio = (System.nanoTime() - t0) / 1e9;
    double soxT = Double.NaN;
    if (sox) {
      t0 = System.nanoTime();
      for (int i = 1; i <= files; i++) {
        Ffmpeg.run("sox", inputs.get(i).toString(), "-r", "22050", "-c", "1",
            dir.resolve("sox-" + i + ".wav").toString());
      }
      soxT = (System.nanoTime() - t0) / 1e9;
    }
    double ffT = Double.NaN;
    if (ffmpeg) {
      t0 = System.nanoTime();
      for (int i = 1; i <= files; i++) {
        Ffmpeg.run("ffmpeg", "-v", "error", "-y", "-i", inputs.get(i).toString(), "-ar", "22050",
            "-ac", "1", dir.resolve("ffmpeg-" + i + ".wav").toString());
      }
      ffT = (System.nanoTime() - t0) / 1e9;
    }
    double audio = files * seconds;
    System.out.printf(Locale.ROOT, "%nbatch: %d files, %.0f s of audio each (%d taps at 44.1 kHz)%n",
        files, seconds, resampler.taps());
    System.out.printf(Locale.ROOT, "%-8s %9s %10s %14s%n", "tool", "seconds", "x realtime", "time / klio");
    row("klio", klio, audio, klio);
    row("sox", soxT, audio, klio);
    row("ffmpeg", ffT, audio, klio);

    System.out.printf(Locale.ROOT, "%nquality (gain of a stereo tone through each tool, dB):%n");
    System.out.printf(Locale.ROOT, "%-8s %9s %9s %9s%n", "tool", "1 kHz", "9 kHz", "15 kHz");
    double[][] g = new double[3][3];
    double[] hz = {1000, 9000, 15000};
    for (int k = 0; k < 3; k++) {
      AudioClip tone = Synth.pan(Synth.tone(44100, 2, hz[k], -6, false), 0);
      Path in = dir.resolve("tone-" + k + ".wav");
      AudioFiles.writeWav(in, tone, WavFormat.FLOAT_32);
      double ref = middleRms(Channels.toMono(tone).channel(0));
      g[0][k] = db(middleRms(resampler.process(Channels.toMono(tone).channel(0))) / ref);
      if (sox) {
        Path o = dir.resolve("tone-sox.wav");
        Ffmpeg.run("sox", in.toString(), "-e", "floating-point", "-b", "32", "-r", "22050", "-c",
            "1", o.toString());
        g[1][k] = db(middleRms(AudioFiles.read(o).channel(0)) / ref);
      }
      if (ffmpeg) {
        Path o = dir.resolve("tone-ffmpeg.wav");
        Ffmpeg.run("ffmpeg", "-v", "error", "-y", "-i", in.toString(), "-ar", "22050", "-ac", "1",
            "-c:a", "pcm_f32le", o.toString());
        g[2][k] = db(middleRms(AudioFiles.read(o).channel(0)) / ref);
      }
    }
    System.out.println("(against the channel average; ffmpeg's -ac 1 downmix uses (L + R) / sqrt 2,"
        + " +3.01 dB on a centre-panned tone: a downmix convention, not resampler gain)");
    String[] names = {"klio", "sox", "ffmpeg"};
    for (int t = 0; t < 3; t++) {
      System.out.printf(Locale.ROOT, "%-8s %9.3f %9.3f %9.1f%n", names[t], g[t][0], g[t][1], g[t][2]);
    }
  }

  private static void ours(Path in, Path out, Resampler r) throws Exception {
    AudioClip clip = AudioFiles.read(in);
    AudioClip mono = Channels.toMono(clip);
    AudioFiles.writeWav(out, r.process(mono), WavFormat.PCM_16);
  }

  private static void row(String tool, double t, double audio, double klio) {
    if (Double.isNaN(t)) {
      System.out.printf(Locale.ROOT, "%-8s %9s%n", tool, "n/a (not on PATH)");
    } else {
      System.out.printf(Locale.ROOT, "%-8s %9.3f %10.0f %14.2f%n", tool, t, audio / t, t / klio);
    }
  }

  private static double middleRms(float[] x) {
    int from = x.length / 10, to = x.length - x.length / 10;
    double s = 0;
    for (int i = from; i < to; i++) {
      s += (double) x[i] * x[i];
    }
    return Math.sqrt(s / (to - from));
  }

  private static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }
}
