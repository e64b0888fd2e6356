package dev.nabla.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Gaussian blobs (unit variance around each class's center) as LIBSVM lines, for tests that run the CLI. */
public final class LibsvmBlobs {
  private LibsvmBlobs() {
  }

  /** {@code classes} centers in {@code dim} dimensions, each coordinate N(0, scale²), seeded. */
  public static double[][] randomCenters(int classes, int dim, double scale, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] c = new double[classes][dim];
    for (double[] row : c) {
      for (int j = 0; j < dim; j++) {
        row[j] = scale * rng.nextGaussian();
      }
    }
    return c;
  }

  /** {@code n} lines "label 1:x1 2:x2 …": a uniformly drawn class, its center plus N(0, 1) noise. */
  public static List<String> lines(double[][] centers, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(centers.length);
      StringBuilder b = new StringBuilder().append(label);
      for (int j = 0; j < centers[label].length; j++) {
        b.append(' ').append(j + 1).append(':')
            .append(String.format(Locale.ROOT, "%.5f", centers[label][j] + rng.nextGaussian()));
      }
      lines.add(b.toString());
    }
    return lines;
  }
}
