package dev.nabla.nn;

/** Per-layer norms over the flat layout of a {@link Topology}. */
public final class LayerNorms {
  private LayerNorms() {
  }

  /**
   * The Euclidean (Frobenius) norm ‖W^l‖ of each layer's weight block of {@code v} (a gradient, e.g. the
   * MEAN gradient of a batch, or parameters), biases excluded: entry l − 1 for layer l = 1..L. One O(P) pass.
   */
  public static double[] weightNorms(Topology t, double[] v) {
    if (v.length != t.numParams()) {
      throw new IllegalArgumentException("LayerNorms: array has length " + v.length + ", topology " + t + " needs "
          + t.numParams());
    }
    double[] norms = new double[t.numLayers()];
    for (int l = 1; l <= t.numLayers(); l++) {
      norms[l - 1] = Math.sqrt(sumOfSquares(v, t.weightOffset(l), t.biasOffset(l)));
    }
    return norms;
  }

  /**
   * One pass for the driver's step: writes {@code dst = src · scale}, writes ‖W^l‖ of {@code dst} into
   * {@code norms[l − 1]} for each layer (as {@link #weightNorms} would, bit for bit: the same four partial sums in the
   * same order), and returns whether every entry of dst is finite (x · 0 is ±0 for finite x and NaN otherwise; four
   * independent probes, so the adds pipeline).
   */
  public static boolean scaleAndNorms(Topology t, double[] src, double scale, double[] dst, double[] norms) {
    if (src.length != t.numParams() || dst.length != t.numParams() || norms.length != t.numLayers()) {
      throw new IllegalArgumentException("LayerNorms: arrays of length " + src.length + ", " + dst.length + " and "
          + norms.length + ", topology " + t + " needs " + t.numParams() + ", " + t.numParams() + " and "
          + t.numLayers());
    }
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    for (int l = 1; l <= t.numLayers(); l++) {
      int to = t.biasOffset(l);
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = t.weightOffset(l);
      for (; i + 3 < to; i += 4) {
        double g0 = src[i] * scale;
        double g1 = src[i + 1] * scale;
        double g2 = src[i + 2] * scale;
        double g3 = src[i + 3] * scale;
        dst[i] = g0;
        dst[i + 1] = g1;
        dst[i + 2] = g2;
        dst[i + 3] = g3;
        s0 += g0 * g0;
        s1 += g1 * g1;
        s2 += g2 * g2;
        s3 += g3 * g3;
        p0 += g0 * 0.0;
        p1 += g1 * 0.0;
        p2 += g2 * 0.0;
        p3 += g3 * 0.0;
      }
      for (; i < to; i++) {
        double g = src[i] * scale;
        dst[i] = g;
        s0 += g * g;
        p0 += g * 0.0;
      }
      norms[l - 1] = Math.sqrt((s0 + s1) + (s2 + s3));
      for (int end = to + t.size(l); i < end; i++) {
        double g = src[i] * scale;
        dst[i] = g;
        p1 += g * 0.0;
      }
    }
    double probe = (p0 + p1) + (p2 + p3);
    return probe == probe;
  }

  /** Σ v[i]² over [from, to), in four independent partial sums (so the adds pipeline). */
  static double sumOfSquares(double[] v, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += v[i] * v[i];
      s1 += v[i + 1] * v[i + 1];
      s2 += v[i + 2] * v[i + 2];
      s3 += v[i + 3] * v[i + 3];
    }
    for (; i < to; i++) {
      s0 += v[i] * v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
