package io.klio.benchmarks;

import com.sun.management.ThreadMXBean;
import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.analysis.BeatTracker;
import io.klio.audio.analysis.Beats;
import io.klio.audio.analysis.Loudness;
import io.klio.audio.analysis.Spectrogram;
import io.klio.audio.dsp.Channels;
import io.klio.audio.dsp.Resampler;
import io.klio.audio.image.LabelledSpectrogramImage;
import io.klio.audio.synth.Synth;
import io.klio.audio.wav.WavFormat;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Klio's audio library against the command-line tools a job would otherwise run, per file of
 * generated stereo 44.1 kHz 16-bit WAV (a click track, a tone, speech-like noise and a little white
 * noise, as the old downsampling benchmark had):
 *
 * <ul>
 *   <li><b>downsample</b> to 22.05 kHz mono 16-bit WAV: read, mix down, resample, write, against
 *       {@code sox in.wav -r 22050 -c 1 out.wav} (target: at most 1.2x sox's CPU time) and {@code
 *       ffmpeg -i in.wav -ar 22050 -ac 1 out.wav};
 *   <li><b>beat tracking</b>: {@code BeatTracker.track} on the clip in memory (it mixes down and
 *       resamples to 22.05 kHz itself), as a real-time factor (target: at least 200x); no tool to
 *       compare with;
 *   <li><b>loudness</b>: read and {@code Loudness.integrated} against {@code ffmpeg -af ebur128};
 *   <li><b>EBU R128</b>: read, integrated loudness, loudness range and true peak against {@code
 *       ffmpeg -af ebur128=peak=true}, which measures all three in one pass;
 *   <li><b>spectrogram</b> of the 22.05 kHz mono file, as the sample job draws it: read, {@code
 *       Spectrogram.logMel}, {@code LabelledSpectrogramImage.writePng} to a file, against {@code
 *       sox in.wav -n spectrogram -o out.png} (whose picture is smaller: 944 x 591 pixels against
 *       one column per 23 ms frame, 2,724 x 458 for 60 s);
 *   <li>the downsamplers' <b>quality</b>: gain for tones at 1 and 9 kHz and at 15 kHz.
 * </ul>
 *
 * <p>Klio runs in this JVM on one thread, after a warm-up on a file of its own that runs each
 * workload until the JIT has compiled it and the thread has allocated twice the heap (so the
 * measured runs reuse heap memory rather than touch new pages, as a long-running worker does); its
 * figure is the thread's CPU time (user and system). Each tool runs as one process per file,
 * measured whole (its start included, as a job would run it). Klio and the tools alternate, the
 * order switching every round; every figure is the median over files and rounds.
 */
final class AudioSection implements Section {
  private static final int RATE = 44100;
  private static final int OUT_RATE = 22050;
  private static final double DOWNSAMPLE_AT_MOST = 1.2;
  private static final double BEATS_AT_LEAST = 200;
  private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf) LUFS");

  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Override
  public String name() {
    return "audio";
  }

  @Override
  public String title() {
    return "audio per file of stereo 44.1 kHz 16-bit WAV: Klio in this JVM (one thread, after "
        + "warm-up, thread CPU time) against sox and ffmpeg processes (CPU time, start included)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    int files = context.quick() ? 2 : 4;
    int rounds = context.quick() ? 2 : 3;
    double seconds = context.quick() ? 30 : 60;
    Path dir = context.folder("audio");
    boolean sox = onPath("sox");
    boolean ffmpeg = onPath("ffmpeg");
    System.err.printf(
        Locale.ROOT, "generating %d + 1 (warm-up) files of %.0f s ...%n", files, seconds);
    List<Path> inputs = new ArrayList<>();
    List<Path> mono = new ArrayList<>(); // the 22.05 kHz mono files, input of the spectrogram
    Resampler resampler = Resampler.of(RATE, OUT_RATE);
    for (int i = 0; i <= files; i++) {
      AudioClip clip =
          Channels.mix(
              Synth.pan(Synth.clickTrack(RATE, seconds, 90 + 10 * i, 0.3, -6), 0),
              Synth.pan(Synth.tone(RATE, seconds, 220 * (i + 1), -20), -0.4),
              Synth.pan(Synth.speechLike(RATE, seconds, 4, -24, i), 0.3),
              Synth.pan(Synth.noise(RATE, seconds, -40, i), 0.8));
      Path in = dir.resolve("in-" + i + ".wav");
      AudioFiles.writeWav(in, clip, WavFormat.PCM_16);
      inputs.add(in);
      Path down = dir.resolve("mono-" + i + ".wav");
      downsample(in, down, resampler);
      mono.add(down);
    }
    Path out = dir.resolve("out.wav");
    Path png = dir.resolve("out.png");

    // the Klio workloads; index 0 is the warm-up file
    Workload downsample = i -> downsample(inputs.get(i), out, resampler);
    List<AudioClip> clips = new ArrayList<>();
    for (Path in : inputs) {
      clips.add(AudioFiles.read(in));
    }
    Workload beats =
        i -> {
          Beats b = BeatTracker.track(clips.get(i));
          if (b.count() == 0) {
            throw new IllegalStateException("no beats in " + inputs.get(i));
          }
        };
    Workload loudness = i -> Loudness.integrated(AudioFiles.read(inputs.get(i)));
    Workload r128 =
        i -> {
          AudioClip clip = AudioFiles.read(inputs.get(i));
          Loudness.integrated(clip);
          Loudness.range(clip);
          Loudness.truePeak(clip);
        };
    Workload spectrogram =
        i -> {
          Spectrogram s = Spectrogram.logMel(AudioFiles.read(mono.get(i)));
          try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(png), 1 << 16)) {
            LabelledSpectrogramImage.writePng(s, "file " + i, o);
          }
        };
    String[] names = {"downsample", "beat tracking", "loudness", "spectrogram", "EBU R128"};
    List<Workload> workloads = List.of(downsample, beats, loudness, spectrogram, r128);
    for (int w = 0; w < workloads.size(); w++) {
      long started = System.nanoTime();
      int runs = warmUp(workloads.get(w), context.quick() ? 10 : 20);
      System.err.printf(
          Locale.ROOT,
          "warm-up of %s: %d runs, %.1f s%n",
          names[w],
          runs,
          (System.nanoTime() - started) / 1e9);
    }

    List<Double> klioDown = new ArrayList<>(), klioBeats = new ArrayList<>();
    List<Double> klioLoud = new ArrayList<>(), klioSpec = new ArrayList<>();
    List<Double> soxDown = new ArrayList<>(), ffDown = new ArrayList<>();
    List<Double> ffLoud = new ArrayList<>(), soxSpec = new ArrayList<>();
    List<Double> klioR128 = new ArrayList<>(), ffR128 = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      System.err.printf("round %d of %d ...%n", round + 1, rounds);
      for (int i = 1; i <= files; i++) {
        String in = inputs.get(i).toString();
        String in22 = mono.get(i).toString();
        boolean klioFirst = (round + i) % 2 == 0;
        if (klioFirst) {
          klioDown.add(cpu(downsample, i));
        }
        if (sox) {
          soxDown.add(
              tool(dir, "sox", in, "-r", Integer.toString(OUT_RATE), "-c", "1", out.toString()));
        }
        if (ffmpeg) {
          ffDown.add(
              tool(
                  dir,
                  "ffmpeg",
                  "-nostdin",
                  "-v",
                  "error",
                  "-y",
                  "-i",
                  in,
                  "-ar",
                  Integer.toString(OUT_RATE),
                  "-ac",
                  "1",
                  out.toString()));
        }
        if (!klioFirst) {
          klioDown.add(cpu(downsample, i));
        }
        klioBeats.add(cpu(beats, i));
        if (klioFirst) {
          klioLoud.add(cpu(loudness, i));
        }
        if (ffmpeg) {
          ffLoud.add(tool(dir, audioFilter(in, "ebur128")));
        }
        if (!klioFirst) {
          klioLoud.add(cpu(loudness, i));
        }
        if (klioFirst) {
          klioSpec.add(cpu(spectrogram, i));
        }
        if (sox) {
          soxSpec.add(tool(dir, "sox", in22, "-n", "spectrogram", "-o", png.toString()));
        }
        if (!klioFirst) {
          klioSpec.add(cpu(spectrogram, i));
        }
        if (klioFirst) {
          klioR128.add(cpu(r128, i));
        }
        if (ffmpeg) {
          ffR128.add(tool(dir, audioFilter(in, "ebur128=peak=true")));
        }
        if (!klioFirst) {
          klioR128.add(cpu(r128, i));
        }
      }
    }
    reportLoudness(dir, inputs.get(1), ffmpeg);

    String per = String.format(Locale.ROOT, "%.0f s file", seconds);
    List<Row> rows = new ArrayList<>();
    double down = median(klioDown);
    rows.add(
        versus(
            "downsample to 22.05 kHz mono (read, mix, resample, write), CPU per "
                + per
                + ", vs sox",
            down,
            soxDown,
            DOWNSAMPLE_AT_MOST));
    rows.add(versus("downsample as above, vs ffmpeg", down, ffDown, Double.NaN));
    double beatCpu = median(klioBeats);
    double factor = seconds / beatCpu;
    rows.add(
        Row.figure(
            "beat tracking (BeatTracker.track, clip in memory), real-time factor; CPU"
                + " per "
                + per,
            String.format(Locale.ROOT, "%.0fx; %s", factor, Row.format(beatCpu * 1000, "ms")),
            String.format(Locale.ROOT, ">= %.0fx", BEATS_AT_LEAST),
            factor >= BEATS_AT_LEAST ? Row.Verdict.MET : Row.Verdict.MISSED));
    rows.add(
        versus(
            "integrated loudness (read, Loudness.integrated), CPU per "
                + per
                + ", vs ffmpeg -af ebur128",
            median(klioLoud),
            ffLoud,
            Double.NaN));
    rows.add(
        versus(
            "EBU R128 deliverables (read, integrated loudness, loudness range, true peak), CPU"
                + " per "
                + per
                + ", vs ffmpeg -af ebur128=peak=true",
            median(klioR128),
            ffR128,
            Double.NaN));
    rows.add(
        versus(
            "log-mel spectrogram PNG of the 22.05 kHz mono file (read, logMel, labelled"
                + " figure), CPU per "
                + per
                + ", vs sox spectrogram",
            median(klioSpec),
            soxSpec,
            Double.NaN));
    rows.addAll(quality(dir, resampler, sox, ffmpeg));
    return rows;
  }

  /**
   * The gain of each downsampler for centre-panned stereo tones of 1 kHz, 9 kHz (passband) and 15
   * kHz (above the new Nyquist frequency), against the channel average, from 32-bit float files.
   * ffmpeg's {@code -ac 1} mixes down as {@code (L + R) / sqrt 2}, +3.01 dB on a centre-panned
   * tone: a downmix convention, not resampler gain.
   */
  private static List<Row> quality(Path dir, Resampler resampler, boolean sox, boolean ffmpeg)
      throws Exception {
    double[] hz = {1000, 9000, 15000};
    double[][] gain = new double[3][3]; // [klio, sox, ffmpeg][tone]
    for (int k = 0; k < hz.length; k++) {
      AudioClip tone = Synth.pan(Synth.tone(RATE, 2, hz[k], -6, false), 0);
      Path in = dir.resolve("tone.wav");
      AudioFiles.writeWav(in, tone, WavFormat.FLOAT_32);
      float[] mono = Channels.toMono(tone).channel(0);
      double ref = middleRms(mono);
      gain[0][k] = db(middleRms(resampler.process(mono)) / ref);
      Path o = dir.resolve("tone-out.wav");
      if (sox) {
        tool(
            dir,
            "sox",
            in.toString(),
            "-e",
            "floating-point",
            "-b",
            "32",
            "-r",
            Integer.toString(OUT_RATE),
            "-c",
            "1",
            o.toString());
        gain[1][k] = db(middleRms(AudioFiles.read(o).channel(0)) / ref);
      }
      if (ffmpeg) {
        tool(
            dir,
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-i",
            in.toString(),
            "-ar",
            Integer.toString(OUT_RATE),
            "-ac",
            "1",
            "-c:a",
            "pcm_f32le",
            o.toString());
        gain[2][k] = db(middleRms(AudioFiles.read(o).channel(0)) / ref);
      }
    }
    String measure = "downsampling quality: gain at 1 kHz, 9 kHz, 15 kHz (dB)";
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            measure + ", vs sox",
            gains(gain[0]),
            sox ? gains(gain[1]) : "n/a",
            "",
            "",
            Row.Verdict.NONE));
    rows.add(
        new Row(
            measure + ", vs ffmpeg (its downmix adds 3.01 dB)",
            gains(gain[0]),
            ffmpeg ? gains(gain[2]) : "n/a",
            "",
            "",
            Row.Verdict.NONE));
    return rows;
  }

  private static String gains(double[] g) {
    return String.format(Locale.ROOT, "%.3f, %.3f, %.1f", g[0], g[1], g[2]);
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

  /** One Klio run on file {@code i}; throws what the work throws. */
  @FunctionalInterface
  private interface Workload {
    void run(int i) throws Exception;
  }

  private static void downsample(Path in, Path out, Resampler resampler) throws IOException {
    AudioClip clip = AudioFiles.read(in);
    AudioFiles.writeWav(out, resampler.process(Channels.toMono(clip)), WavFormat.PCM_16);
  }

  /**
   * Runs {@code w} on the warm-up file at least 5 times and until this thread has allocated twice
   * the heap's current size (at most 200 runs or {@code maxSeconds}); returns the runs.
   */
  private int warmUp(Workload w, int maxSeconds) throws Exception {
    long thread = Thread.currentThread().getId();
    long allocated = threads.getThreadAllocatedBytes(thread);
    long started = System.nanoTime();
    int runs = 0;
    while (runs < 200 && System.nanoTime() - started < maxSeconds * 1_000_000_000L) {
      w.run(0);
      runs++;
      long since = threads.getThreadAllocatedBytes(thread) - allocated;
      if (runs >= 5 && (since < 0 || since >= 2 * Runtime.getRuntime().totalMemory())) {
        break;
      }
    }
    return runs;
  }

  /** The CPU seconds this thread spends on one run. */
  private double cpu(Workload w, int i) throws Exception {
    long before = threads.getCurrentThreadCpuTime();
    w.run(i);
    return (threads.getCurrentThreadCpuTime() - before) / 1e9;
  }

  /** The CPU seconds of one tool process (its output discarded). */
  /** The ffmpeg command that runs the audio {@code filter} over {@code in} and writes nothing. */
  private static String[] audioFilter(String in, String filter) {
    return new String[] {
      "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", in, "-af", filter, "-f", "null", "-"
    };
  }

  private static double tool(Path dir, String... command) throws Exception {
    File log = dir.resolve("tool.log").toFile();
    return Measured.run(
            new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log))
        .requireSuccess(String.join(" ", command))
        .cpuSeconds();
  }

  /** Prints both loudness figures of one file, so that a reader sees they agree. */
  private static void reportLoudness(Path dir, Path in, boolean ffmpeg) throws Exception {
    double klio = Loudness.integrated(AudioFiles.read(in));
    String theirs = "n/a";
    if (ffmpeg) {
      Path log = dir.resolve("ebur128.log");
      Measured.run(
          new ProcessBuilder(audioFilter(in.toString(), "ebur128"))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(log.toFile()));
      Matcher m = INTEGRATED.matcher(Files.readString(log));
      while (m.find()) {
        theirs = m.group(1); // the summary's figure is the last
      }
    }
    System.err.printf(
        Locale.ROOT,
        "integrated loudness of %s: Klio %.2f LUFS, ffmpeg %s LUFS%n",
        in.getFileName(),
        klio,
        theirs);
  }

  /** Klio's median against the tool's, in milliseconds; "n/a" if the tool is not installed. */
  private static Row versus(String measure, double klio, List<Double> tool, double atMost) {
    if (tool.isEmpty()) {
      return new Row(
          measure, Row.format(klio * 1000, "ms"), "n/a (not on PATH)", "", "", Row.Verdict.NONE);
    }
    return Row.ratio(measure, klio * 1000, median(tool) * 1000, "ms", atMost);
  }

  private static double median(List<Double> values) {
    return Measured.median(values, Double::doubleValue);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(d, tool))) {
          return true;
        }
      }
    }
    System.err.println(tool + " is not on PATH: its rows say n/a");
    return false;
  }
}
