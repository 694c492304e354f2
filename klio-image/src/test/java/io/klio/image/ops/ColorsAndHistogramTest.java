package io.klio.image.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.klio.image.Image;
import org.junit.jupiter.api.Test;

class ColorsAndHistogramTest {
  @Test
  void lumaByHand() {
    // pure primaries: the weights themselves, times 255
    assertThat(Colors.Luma.REC_709.of(0xFF0000)).isEqualTo(54); // 0.2126 * 255 = 54.2
    assertThat(Colors.Luma.REC_709.of(0x00FF00)).isEqualTo(182); // 182.4
    assertThat(Colors.Luma.REC_709.of(0x0000FF)).isEqualTo(18); // 18.4
    assertThat(Colors.Luma.REC_601.of(0xFF0000)).isEqualTo(76); // 76.2
    assertThat(Colors.Luma.REC_601.of(0x00FF00)).isEqualTo(150); // 149.7
    assertThat(Colors.Luma.REC_601.of(0x0000FF)).isEqualTo(29); // 29.1
    // (100, 150, 200): 21.26 + 107.28 + 14.44 = 142.98
    assertThat(Colors.Luma.REC_709.of(100, 150, 200)).isCloseTo(142.98, within(1e-9));
    Image g = Colors.grayscale(Image.of(1, 1, true, new int[] {0x80646496}));
    assertThat(g.argb(0, 0)).isEqualTo(0x80000000 | 0x686868); // 21.26+71.52+10.83 = 103.6 -> 104
  }

  @Test
  void hsvByHand() {
    assertThat(Colors.rgbToHsv(255, 0, 0)).containsExactly(0, 1, 1);
    assertThat(Colors.rgbToHsv(0, 255, 0)).containsExactly(120, 1, 1);
    assertThat(Colors.rgbToHsv(0, 0, 255)).containsExactly(240, 1, 1);
    assertThat(Colors.rgbToHsv(255, 0, 255)).containsExactly(300, 1, 1);
    // (255, 128, 0): hue 60 * 128/255 = 30.118, s 1, v 1
    assertThat(Colors.rgbToHsv(255, 128, 0)[0]).isCloseTo(30.118, within(1e-3));
    // (51, 102, 102): max g = b = 102 -> hue 180, s = 51/102 = 0.5, v = 0.4
    assertThat(Colors.rgbToHsv(51, 102, 102)).containsExactly(180, 0.5, 0.4);
    assertThat(Colors.rgbToHsv(77, 77, 77)).containsExactly(0, 0, 77 / 255.0);
    assertThat(Colors.hsvToRgb(180, 0.5, 0.4)).isEqualTo(0x336666);
    assertThat(Colors.hsvToRgb(-60, 1, 1)).isEqualTo(0xFF00FF);
    assertThat(Colors.hsvToRgb(30, 1, 1)).isEqualTo(0xFF8000);
  }

  @Test
  void hsvRoundTripsEveryFourthColour() {
    for (int r = 0; r < 256; r += 3) {
      for (int g = 0; g < 256; g += 5) {
        for (int b = 0; b < 256; b += 7) {
          double[] hsv = Colors.rgbToHsv(r, g, b);
          assertThat(Colors.hsvToRgb(hsv[0], hsv[1], hsv[2])).isEqualTo(r << 16 | g << 8 | b);
        }
      }
    }
  }

  @Test
  void histogramByHand() {
    // 2x2: red, green, blue, white
    Image im = Image.rgb(2, 2, new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF});
    Histogram h = Histogram.of(im);
    assertThat(h.pixels()).isEqualTo(4);
    assertThat(h.red()[255]).isEqualTo(2);
    assertThat(h.red()[0]).isEqualTo(2);
    assertThat(h.green()[255]).isEqualTo(2);
    assertThat(h.blue()[0]).isEqualTo(2);
    int[] luma = h.luma();
    assertThat(luma[54]).isEqualTo(1);
    assertThat(luma[182]).isEqualTo(1);
    assertThat(luma[18]).isEqualTo(1);
    assertThat(luma[255]).isEqualTo(1);
    assertThat(Histogram.mean(h.red())).isEqualTo(127.5);
    assertThat(Histogram.mean(luma)).isEqualTo((54 + 182 + 18 + 255) / 4.0);
  }
}
