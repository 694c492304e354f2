package io.klio.audio.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.audio.AudioClip;
import io.klio.audio.analysis.MelScale;
import io.klio.audio.analysis.Spectrogram;
import io.klio.audio.dsp.Channels;
import io.klio.audio.synth.Synth;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectrogramImageTest {
  @TempDir Path tmp;

  @Test
  void toneIsABrightHorizontalLineAtItsRow() throws Exception {
    AudioClip clip = Channels.mix(Synth.tone(22050, 3, 1000, -6), Synth.noise(22050, 3, -60, 1));
    Spectrogram s = Spectrogram.logMel(clip);
    assertThat(s.frames()).isEqualTo(1 + 3 * 22050 / 512);
    assertThat(s.rows()).isEqualTo(128);
    Path png = tmp.resolve("s.png");
    SpectrogramImage.writePng(s, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(s.frames());
    assertThat(img.getHeight()).isEqualTo(128);
    int toneRow = s.rowOf(1000);
    int y = 127 - toneRow; // low frequencies at the bottom
    // the mel band nearest to 1 kHz (of 128 Slaney bands up to 11.025 kHz) is centred near it
    assertThat(Math.abs(s.rowFrequency(toneRow) - 1000)).isLessThan(20);
    assertThat(toneRow).isBetween(30, 45);
    for (int x = 10; x < img.getWidth() - 10; x += 7) {
      int brightest = 0;
      double best = -1;
      for (int yy = 0; yy < 128; yy++) {
        double l = Colormap.luma(img.getRGB(x, yy));
        if (l > best) {
          best = l;
          brightest = yy;
        }
      }
      assertThat(brightest).as("column %d", x).isBetween(y - 1, y + 1);
      assertThat(best).isGreaterThan(0.9);
      assertThat(Colormap.luma(img.getRGB(x, 10))).isLessThan(0.3); // high up: dark
      assertThat(Colormap.luma(img.getRGB(x, 120))).isLessThan(0.3); // near 0 Hz: dark
    }
  }

  @Test
  void labelledPictureHasAxesAndKeepsTheToneAtItsHeight() throws Exception {
    AudioClip clip = Channels.mix(Synth.tone(22050, 3, 1000, -6), Synth.noise(22050, 3, -60, 1));
    Spectrogram s = Spectrogram.logMel(clip);
    BufferedImage plain = SpectrogramImage.render(s);
    BufferedImage img = LabelledSpectrogramImage.render(s, "1 kHz tone");
    assertThat(img.getWidth()).isGreaterThan(plain.getWidth() + 100);
    assertThat(img.getHeight()).isGreaterThan(3 * plain.getHeight());
    java.awt.Rectangle plot = LabelledSpectrogramImage.plotArea(s, "1 kHz tone");
    assertThat(plot.height).isEqualTo(384);
    assertThat(plot.width % s.frames()).isZero();
    assertThat(plot.width).isGreaterThanOrEqualTo(400);
    int expected = (int) Math.round(LabelledSpectrogramImage.yOf(s, 1000, plot));
    // 1 kHz sits about a third of the way up a 128-band Slaney mel axis to 11 kHz
    assertThat(expected).isBetween(plot.y + plot.height / 2, plot.y + plot.height * 3 / 4);
    for (int x = plot.x + 20; x < plot.x + plot.width - 20; x += 13) {
      int brightest = 0;
      double best = -1;
      for (int y = plot.y; y < plot.y + plot.height; y++) {
        double l = Colormap.luma(img.getRGB(x, y));
        if (l > best) {
          best = l;
          brightest = y;
        }
      }
      assertThat(brightest).as("column %d", x).isBetween(expected - 3, expected + 3);
      assertThat(best).isGreaterThan(0.9);
      assertThat(Colormap.luma(img.getRGB(x, plot.y + 10))).isLessThan(0.3);
    }
    // margins are white paper with dark ink (labels) on it
    assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    int ink = 0;
    for (int x = 0; x < plot.x - 2; x++) {
      for (int y = plot.y; y < plot.y + plot.height; y++) {
        if (Colormap.luma(img.getRGB(x, y)) < 0.5) {
          ink++;
        }
      }
    }
    assertThat(ink).as("dark pixels of the frequency labels").isGreaterThan(100);
  }

  /** A figure to look at: {@code target/labelled-spectrogram.png}. */
  @Test
  void writesAnExampleFigure() throws Exception {
    AudioClip clip =
        Channels.mix(
            Synth.clickTrack(22050, 12, 120, 0.3, -6),
            Synth.tone(22050, 12, 440, -24),
            Synth.speechLike(22050, 12, 4, -20, 7));
    Path png = Path.of("target", "labelled-spectrogram.png");
    Files.createDirectories(png.getParent());
    try (var out = Files.newOutputStream(png)) {
      LabelledSpectrogramImage.writePng(
          Spectrogram.logMel(clip), "clicks 120 BPM + 440 Hz + speech", out);
    }
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getHeight()).isGreaterThan(384);
  }

  @Test
  void linearAndHtkVariants() throws Exception {
    AudioClip clip = Synth.tone(16000, 1, 2000, -6);
    Spectrogram lin = Spectrogram.linear(clip, 1024, 256);
    assertThat(lin.rows()).isEqualTo(513);
    int row = lin.rowOf(2000);
    assertThat(row).isEqualTo(128);
    int mid = lin.frames() / 2;
    for (int r = 0; r < lin.rows(); r++) {
      if (Math.abs(r - row) > 2) {
        assertThat(lin.db(mid, r)).isLessThan(lin.db(mid, row) - 30);
      }
    }
    Spectrogram htk = Spectrogram.logMel(clip, 1024, 256, 40, MelScale.HTK);
    assertThat(htk.scale()).isEqualTo("mel-htk");
    assertThat(MelScale.HTK.hzToMel(1000))
        .isCloseTo(1000, org.assertj.core.data.Offset.offset(0.5));
    assertThat(MelScale.SLANEY.hzToMel(1000))
        .isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(MelScale.SLANEY.melToHz(MelScale.SLANEY.hzToMel(4321)))
        .isCloseTo(4321, org.assertj.core.data.Offset.offset(1e-6));
    BufferedImage img = SpectrogramImage.render(htk, Colormap.VIRIDIS, 60);
    assertThat(img.getHeight()).isEqualTo(40);
    assertThat(Files.exists(tmp)).isTrue();
  }

  @Test
  void colormapsGoFromDarkToLight() {
    for (Colormap m : Colormap.values()) {
      double prev = -1;
      for (int i = 0; i <= 10; i++) {
        double l = Colormap.luma(m.rgb(i / 10.0));
        assertThat(l).as("%s at %d", m, i).isGreaterThan(prev);
        prev = l;
      }
    }
  }
}
