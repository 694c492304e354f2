package io.klio.audio.image;

/**
 * Perceptually uniform colormaps for spectrogram pictures.
 *
 * <p>{@link #MAGMA} and {@link #VIRIDIS} are matplotlib's maps, evaluated with Matt Zucker's
 * degree-6 polynomial fits (public domain), which stay within about 1% of the original 256-entry
 * tables: no table to ship, monotonic lightness, readable in grey-scale print and by colour-blind
 * viewers. {@link #GRAY} is black to white.
 */
public enum Colormap {
  MAGMA(
      new double[][] {
        {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
        {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
        {8.353717279216625, -3.577719514958484, 0.3144679030132573},
        {-27.66873308576866, 14.26473078096533, -13.64921318813922},
        {52.17613981234068, -27.94360607168351, 12.94416944238394},
        {-50.76852536473588, 29.04658282127291, 4.23415299384598},
        {18.65570506591883, -11.48977351997711, -5.601961508734096}
      }),
  VIRIDIS(
      new double[][] {
        {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
        {0.1050930431085774, 1.404613529898575, 1.384590162594685},
        {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
        {-4.634230498983486, -5.799100973351585, -19.33244095627987},
        {6.228269936347081, 14.17993336680509, 56.69055260068105},
        {4.776384997670288, -13.74514537774601, -65.35303263337234},
        {-5.435455855934631, 4.645852612178535, 26.3124352495832}
      }),
  GRAY(new double[][] {{0, 0, 0}, {1, 1, 1}});

  private final double[][] coeffs;

  Colormap(double[][] coeffs) {
    this.coeffs = coeffs;
  }

  /** The colour for {@code t} in [0, 1] (clamped) as 0xRRGGBB. */
  public int rgb(double t) {
    t = Math.max(0, Math.min(1, t));
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      double v = 0;
      for (int k = coeffs.length - 1; k >= 0; k--) {
        v = v * t + coeffs[k][c];
      }
      int b = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
      rgb = (rgb << 8) | b;
    }
    return rgb;
  }

  /** Perceived lightness of a colour, 0..1 (Rec. 709 luma), for tests and legends. */
  public static double luma(int rgb) {
    return (0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF))
        / 255.0;
  }
}
