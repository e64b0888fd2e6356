package dev.nabla.nn;

/**
 * Per-layer norms over the flat layout of a {@link Topology}, added block by block: the flat array is cut into blocks
 * of {@value #BLOCK} entries, each block's share of a layer's squares is summed in four partial sums (so the adds
 * pipeline), and a layer's sum adds the blocks' shares in block order. So a pass split at block boundaries, over any
 * number of threads, gives the same bits as one pass.
 */
public final class LayerNorms {
  /** Entries per block (64 kB of doubles: a block of the driver's five arrays stays in a core's cache). */
  public static final int BLOCK = 8192;

  private LayerNorms() {
  }

  /** How many blocks {@code numParams} entries make. */
  public static int blocks(int numParams) {
    return (numParams + BLOCK - 1) / BLOCK;
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
    int layers = t.numLayers();
    double[] partials = new double[blocks(v.length) * layers];
    for (int from = 0, b = 0; from < v.length; from += BLOCK, b++) {
      int to = Math.min(v.length, from + BLOCK);
      for (int l = 1; l <= layers; l++) {
        int lo = Math.max(from, t.weightOffset(l));
        int hi = Math.min(to, t.biasOffset(l));
        partials[b * layers + l - 1] = lo < hi ? sumOfSquares(v, lo, hi) : 0;
      }
    }
    return norms(t, partials);
  }

  /** The partial sums {@link #scaleAndNormsBlock} writes, for every block of {@code t}'s parameters. */
  public static double[] newPartials(Topology t) {
    return new double[blocks(t.numParams()) * t.numLayers()];
  }

  /** The norms ‖W^l‖ from every block's partial sums: each layer's added in block order. */
  public static double[] norms(Topology t, double[] partials) {
    int layers = t.numLayers();
    double[] norms = new double[layers];
    for (int l = 0; l < layers; l++) {
      double s = 0;
      for (int k = l; k < partials.length; k += layers) {
        s += partials[k];
      }
      norms[l] = Math.sqrt(s);
    }
    return norms;
  }

  /**
   * The driver's step in one pass: writes {@code dst = src · scale}, writes ‖W^l‖ of {@code dst} into {@code
   * norms[l − 1]} for each layer (as {@link #weightNorms} would, bit for bit), and returns whether every entry of dst
   * is finite.
   */
  public static boolean scaleAndNorms(Topology t, double[] src, double scale, double[] dst, double[] norms) {
    if (src.length != t.numParams() || dst.length != t.numParams() || norms.length != t.numLayers()) {
      throw new IllegalArgumentException("LayerNorms: arrays of length " + src.length + ", " + dst.length + " and "
          + norms.length + ", topology " + t + " needs " + t.numParams() + ", " + t.numParams() + " and "
          + t.numLayers());
    }
    double[] partials = newPartials(t);
    boolean finite = true;
    for (int from = 0; from < src.length; from += BLOCK) {
      finite &= scaleAndNormsBlock(t, src, scale, dst, from, Math.min(src.length, from + BLOCK), partials);
    }
    System.arraycopy(norms(t, partials), 0, norms, 0, norms.length);
    return finite;
  }

  /**
   * {@link #scaleAndNorms} on one block, [from, to) (from a multiple of {@link #BLOCK}, to the block's end or the
   * array's): writes {@code dst = src · scale} there and the block's share of each layer's squares into {@code
   * partials} (see {@link #newPartials}); returns whether every entry written is finite (x · 0 is ±0 for finite x and
   * NaN otherwise; four independent probes, so the adds pipeline). Blocks may run on different threads.
   */
  public static boolean scaleAndNormsBlock(Topology t, double[] src, double scale, double[] dst, int from, int to,
      double[] partials) {
    if (from % BLOCK != 0 || to <= from || to - from > BLOCK || (to - from < BLOCK && to != t.numParams())) {
      throw new IllegalArgumentException("LayerNorms: [" + from + ", " + to + ") is not a block of " + BLOCK
          + " entries of " + t.numParams());
    }
    int layers = t.numLayers();
    int base = from / BLOCK * layers;
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    for (int l = 1; l <= layers; l++) {
      int lo = Math.max(from, t.weightOffset(l));
      int hi = Math.min(to, t.biasOffset(l));
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = lo;
      for (; i + 3 < hi; i += 4) {
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
      for (; i < hi; i++) {
        double g = src[i] * scale;
        dst[i] = g;
        s0 += g * g;
        p0 += g * 0.0;
      }
      partials[base + l - 1] = (s0 + s1) + (s2 + s3);
      for (int b = Math.max(from, t.biasOffset(l)), end = Math.min(to, t.biasOffset(l) + t.size(l)); b < end; b++) {
        double g = src[b] * scale;
        dst[b] = g;
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
