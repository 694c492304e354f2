package io.klio.audio.bench;

import io.klio.audio.AudioClip;
import io.klio.audio.AudioFiles;
import io.klio.audio.analysis.BeatTracker;
import io.klio.audio.synth.Catalogue;
import io.klio.audio.synth.CatalogueEntry;
import io.klio.audio.synth.Synth;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the tempo error of {@link BeatTracker} on every {@code music} and {@code
 * speech-over-music} file of {@code Catalogue.generate(dir, 16, seed, 20)} for seeds 1..3 and on
 * click tracks of 80..160 BPM. Arguments: {@code [workdir=target/tempo-eval]}. Not a test.
 */
public final class TempoEval {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/tempo-eval");
    int bad = 0;
    double worst = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Path d = dir.resolve("seed-" + seed);
      List<CatalogueEntry> entries = Catalogue.generate(d, 16, seed, 20);
      for (CatalogueEntry e : entries) {
        if (Double.isNaN(e.bpm())) {
          continue;
        }
        AudioClip clip = AudioFiles.read(d.resolve(e.file()));
        double bpm = BeatTracker.track(clip).tempoBpm();
        double err = bpm - e.bpm();
        worst = Math.max(worst, Math.abs(err));
        bad += Math.abs(err) > 2 ? 1 : 0;
        System.out.printf(
            Locale.ROOT,
            "seed %d %s %-17s truth %6.1f measured %8.3f error %+8.3f%s%n",
            seed,
            e.id(),
            e.kind(),
            e.bpm(),
            bpm,
            err,
            Math.abs(err) > 2 ? "  FAIL" : "");
      }
    }
    for (int bpm = 80; bpm <= 160; bpm += 10) {
      AudioClip clip = Synth.pan(Synth.clickTrack(44100, 20, bpm, 0.3, -6), 0);
      double est = BeatTracker.track(clip).tempoBpm();
      worst = Math.max(worst, Math.abs(est - bpm));
      bad += Math.abs(est - bpm) > 2 ? 1 : 0;
      System.out.printf(
          Locale.ROOT, "click track %3d BPM measured %8.3f error %+8.3f%n", bpm, est, est - bpm);
    }
    System.out.printf(Locale.ROOT, "%d outside +-2 BPM, worst error %.3f BPM%n", bad, worst);
  }
}
