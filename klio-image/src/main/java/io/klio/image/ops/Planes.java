package io.klio.image.ops;

import io.klio.image.Image;

/** Float channel planes for filtering: R, G, B (premultiplied when there is alpha), then A. */
final class Planes {
  private Planes() {}

  static float[][] split(Image in, boolean alpha) {
    int[] p = in.pixels();
    float[][] planes = new float[alpha ? 4 : 3][p.length];
    for (int i = 0; i < p.length; i++) {
      int v = p[i];
      float a = alpha ? (v >>> 24) / 255f : 1f;
      planes[0][i] = ((v >>> 16) & 0xFF) * a;
      planes[1][i] = ((v >>> 8) & 0xFF) * a;
      planes[2][i] = (v & 0xFF) * a;
      if (alpha) {
        planes[3][i] = v >>> 24;
      }
    }
    return planes;
  }

  static Image join(float[][] planes, int width, int height, boolean alpha) {
    int[] p = new int[width * height];
    for (int i = 0; i < p.length; i++) {
      float a = alpha ? planes[3][i] : 255f;
      int ai = clamp(a);
      // Un-premultiply by the unrounded alpha: dividing by the rounded one would shift colours.
      float scale = !alpha ? 1f : a <= 0 ? 0f : 255f / a;
      p[i] =
          ai << 24
              | clamp(planes[0][i] * scale) << 16
              | clamp(planes[1][i] * scale) << 8
              | clamp(planes[2][i] * scale);
    }
    return Image.wrap(width, height, alpha, p);
  }

  static int clamp(float v) {
    int r = Math.round(v);
    return r < 0 ? 0 : Math.min(r, 255);
  }
}
