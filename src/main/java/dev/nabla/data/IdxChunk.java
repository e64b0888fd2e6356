package dev.nabla.data;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A contiguous run of IDX examples shipped to one partition as raw bytes (an eighth of the size of
 * doubles) and expanded there.
 *
 * @param first the global index of the first example
 * @param pixelsPerImage rows × cols
 * @param pixels the images' unsigned bytes, one image after another
 * @param labels the labels' unsigned bytes
 */
record IdxChunk(long first, int pixelsPerImage, byte[] pixels, byte[] labels) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The examples: features = pixel / 255 in [0, 1], target = {label}. */
  Iterator<Example> examples() {
    return new Iterator<>() {
      private int k;

      @Override
      public boolean hasNext() {
        return k < labels.length;
      }

      @Override
      public Example next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        double[] x = new double[pixelsPerImage];
        int at = k * pixelsPerImage;
        for (int j = 0; j < x.length; j++) {
          x[j] = (pixels[at + j] & 0xFF) / 255.0;
        }
        Example e = new Example(first + k, x, new double[] {labels[k] & 0xFF});
        k++;
        return e;
      }
    };
  }
}
