package io.klio.image.ops;

import io.klio.image.Image;

/** Cutting a rectangle out of an image. */
public final class Crop {
  private Crop() {}

  /**
   * The {@code width x height} rectangle whose top-left pixel is ({@code x}, {@code y}).
   *
   * @throws IllegalArgumentException if the rectangle is empty or not inside the image
   */
  public static Image of(Image in, int x, int y, int width, int height) {
    if (width <= 0
        || height <= 0
        || x < 0
        || y < 0
        || (long) x + width > in.width()
        || (long) y + height > in.height()) {
      throw new IllegalArgumentException(
          "crop "
              + width
              + "x"
              + height
              + " at ("
              + x
              + ", "
              + y
              + ") is not inside a "
              + in.width()
              + "x"
              + in.height()
              + " image");
    }
    int[] src = in.pixels();
    int[] dst = new int[width * height];
    for (int row = 0; row < height; row++) {
      System.arraycopy(src, (y + row) * in.width() + x, dst, row * width, width);
    }
    return Image.wrap(width, height, in.hasAlpha(), dst);
  }
}
