package dev.nabla.nn;

/**
 * Per-sample gradient norms and per-sample clipping inside the batch backward pass, without ever
 * materialising a per-sample gradient (Goodfellow 2015, "Efficient per-example gradient computations").
 *
 * <p>For a dense layer, sample x's gradient is δ_x^l (a_x^{l−1})ᵀ for W^l and δ_x^l for b^l, so its
 * squared norm is ‖δ_x^l‖² (‖a_x^{l−1}‖² + 1), and the sample's whole gradient has
 * <pre>
 *   ‖g_x‖² = Σ_l ‖δ_x^l‖² (‖a_x^{l−1}‖² + 1)          (a^0 = the input column; a^{l−1} as BP4 sees it)
 * </pre>
 * (‖a_x^0‖² comes from {@link Inputs#squaredNorm}, over the non-zeros alone for sparse inputs.)
 * Clipping to norm C scales every layer's δ column of sample x by min(1, C/‖g_x‖) BEFORE BP3/BP4, so
 * the same GEMM then returns one SUM Σ_x min(1, C/‖g_x‖) g_x (Abadi et al. 2016's clipped sum).
 * Cost: one pass over A^{l−1} and δ^l per layer, O(Σ_l (n_l + n_{l−1}) · cols), next to the
 * O(Σ_l n_l n_{l−1} · cols) of the GEMMs.
 */
final class SampleClipping {
  private SampleClipping() {
  }

  /** Writes ‖g_x‖ for each column x into {@code ws.sampleNorms}, from the deltas of computeDeltas. */
  static void norms(Topology t, Inputs x, int cols, Workspace ws) {
    double[] norms = ws.sampleNorms;
    java.util.Arrays.fill(norms, 0, cols, 0.0);
    for (int l = 1; l <= t.numLayers(); l++) {
      int nl = t.size(l);
      int nPrev = t.size(l - 1);
      double[] aPrev = l == 1 ? null : ws.output(l - 1);
      double[] d = ws.delta[l];
      for (int c = 0; c < cols; c++) {
        double aSquared = l == 1 ? x.squaredNorm(c) : squaredNorm(aPrev, c * nPrev, nPrev);
        norms[c] += squaredNorm(d, c * nl, nl) * (aSquared + 1.0);
      }
    }
    for (int c = 0; c < cols; c++) {
      norms[c] = Math.sqrt(norms[c]);
    }
  }

  /**
   * Scales the δ columns of every sample whose norm exceeds {@code clip} by clip/‖g_x‖; samples within
   * the bound are left untouched (factor exactly 1, so C = +∞ changes no bit).
   */
  static void clip(Topology t, int cols, Workspace ws, double clip) {
    double[] norms = ws.sampleNorms;
    for (int c = 0; c < cols; c++) {
      if (!(norms[c] > clip)) {
        continue;
      }
      double factor = clip / norms[c];
      for (int l = 1; l <= t.numLayers(); l++) {
        int nl = t.size(l);
        double[] d = ws.delta[l];
        for (int i = c * nl, end = i + nl; i < end; i++) {
          d[i] *= factor;
        }
      }
    }
  }

  /** Σ v[i]² over [off, off + n), in order. */
  static double squaredNorm(double[] v, int off, int n) {
    double s = 0;
    for (int i = off, end = off + n; i < end; i++) {
      s += v[i] * v[i];
    }
    return s;
  }
}
