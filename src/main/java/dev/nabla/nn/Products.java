package dev.nabla.nn;

/**
 * The matrix products of one forward/backward pass, with the weights W^l read from θ, at the pass's
 * {@link Precision}. They are the only place the two precisions differ: {@link Float64} runs dgemm on θ and the
 * workspace's arrays; {@link Float32} runs sgemm on float32 copies (θ rounded once per pass, each layer's output
 * narrowed once when it is made, each error when it is multiplied) and widens the results back into the
 * workspace's double arrays, where all the element-wise math runs. BP1–BP4 and the forward pass are written once,
 * over this interface ({@link Backprop}, {@link Network}).
 *
 * <p>Contract of every method: matrices are column-major; W^l is n_l × n_{l−1} at θ's {@code weightOffset(l)}.
 */
abstract sealed class Products permits Products.Float64, Products.Float32 {
  final Topology topology;

  Products(Topology topology) {
    this.topology = topology;
  }

  /**
   * Starts a pass at θ; returns the values the pass reads itself (θ, or θ rounded to float32): the biases, and the
   * weights of layer 1 when {@code sparseInputs} (a sparse layer 1 multiplies outside the products). Only those
   * entries of a rounded result are written.
   */
  abstract double[] begin(double[] params, boolean sparseInputs);

  /** A^l (l = 0: the dense inputs X) is final for this pass, as layer l + 1 and BP4 will read it. */
  abstract void output(int l, double[] a, int cols);

  /** Z^l := Z^l + W^l A^{l−1}, A^{l−1} the array given to {@link #output} for l − 1. */
  abstract void forward(int l, double[] aPrev, int cols, double[] z);

  /** out := (W^l)ᵀ δ^l, n_{l−1} × cols (BP2's product for layer l − 1). */
  abstract void backward(int l, double[] delta, int cols, double[] out);

  /**
   * grad[W^l] += δ^l (A^{l−1})ᵀ, the batch SUM (BP4's product); with {@code assign}, grad[W^l] := δ^l (A^{l−1})ᵀ
   * (the entries' old values are not read).
   */
  abstract void outer(int l, double[] delta, double[] aPrev, int cols, double[] grad, boolean assign);

  /**
   * Rounds the entries of a pass's SUMS that it did not write as products of its precision, so that every entry is
   * a value of that precision: at FLOAT32 the biases' (BP3 adds them in float64) and, when {@code sparseInputs}, layer
   * 1's weights' (a sparse layer 1 adds outside the products); nothing at FLOAT64.
   */
  abstract void roundSums(double[] grad, boolean sparseInputs);

  /** dgemm on θ and the workspace's arrays, in place. */
  static final class Float64 extends Products {
    private double[] params;

    Float64(Topology topology) {
      super(topology);
    }

    @Override double[] begin(double[] p, boolean sparseInputs) {
      this.params = p;
      return p;
    }

    @Override void output(int l, double[] a, int cols) {
    }

    @Override void roundSums(double[] grad, boolean sparseInputs) {
    }

    @Override void forward(int l, double[] aPrev, int cols, double[] z) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      Gemm.gemm(false, false, nl, cols, nPrev, 1.0, params, topology.weightOffset(l), nl, aPrev, 0, nPrev, 1.0, z, 0,
          nl);
    }

    @Override void backward(int l, double[] delta, int cols, double[] out) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      Gemm.gemm(true, false, nPrev, cols, nl, 1.0, params, topology.weightOffset(l), nl, delta, 0, nl, 0.0, out, 0,
          nPrev);
    }

    @Override void outer(int l, double[] delta, double[] aPrev, int cols, double[] grad, boolean assign) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      Gemm.gemm(false, true, nl, nPrev, cols, 1.0, delta, 0, nl, aPrev, 0, nPrev, assign ? 0.0 : 1.0, grad,
          topology.weightOffset(l), nl);
    }
  }

  /**
   * sgemm on float32 copies. θ is rounded to float32 as a whole (the biases too, through {@link #begin}'s result), so
   * a pass is a function of the rounded θ only; each product accumulates in float32 inside sgemm and is widened into
   * the double result.
   */
  static final class Float32 extends Products {
    private final float[] theta;
    private final double[] rounded;
    /** {@link #outsideProducts} for dense and for sparse inputs. */
    private final int[][] outside;
    /** float32 copies of A^l, l = 0 … L − 1. */
    private final float[][] outputs;
    private float[] error = new float[0];
    private float[] product = new float[0];

    Float32(Topology topology) {
      super(topology);
      this.theta = new float[topology.numParams()];
      this.rounded = new double[topology.numParams()];
      this.outputs = new float[topology.numLayers()][];
      this.outside = new int[][] {outsideProducts(topology, false), outsideProducts(topology, true)};
    }

    @Override double[] begin(double[] p, boolean sparseInputs) {
      for (int i = 0; i < p.length; i++) {
        theta[i] = (float) p[i];
      }
      int[] r = outside[sparseInputs ? 1 : 0];
      for (int k = 0; k < r.length; k += 2) {
        for (int i = r[k]; i < r[k + 1]; i++) {
          rounded[i] = theta[i];
        }
      }
      return rounded;
    }

    @Override void output(int l, double[] a, int cols) {
      if (l < outputs.length) {
        outputs[l] = narrow(a, topology.size(l) * cols, outputs[l]);
      }
    }

    @Override void forward(int l, double[] aPrev, int cols, double[] z) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      float[] p = scratch(nl * cols);
      Gemm.sgemm(false, false, nl, cols, nPrev, theta, topology.weightOffset(l), nl, outputs[l - 1], 0, nPrev, p, 0,
          nl);
      for (int i = 0, n = nl * cols; i < n; i++) {
        z[i] += p[i];
      }
    }

    @Override void backward(int l, double[] delta, int cols, double[] out) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      error = narrow(delta, nl * cols, error);
      float[] p = scratch(nPrev * cols);
      Gemm.sgemm(true, false, nPrev, cols, nl, theta, topology.weightOffset(l), nl, error, 0, nl, p, 0, nPrev);
      for (int i = 0, n = nPrev * cols; i < n; i++) {
        out[i] = p[i];
      }
    }

    @Override void outer(int l, double[] delta, double[] aPrev, int cols, double[] grad, boolean assign) {
      int nl = topology.size(l);
      int nPrev = topology.size(l - 1);
      error = narrow(delta, nl * cols, error);
      float[] p = scratch(nl * nPrev);
      Gemm.sgemm(false, true, nl, nPrev, cols, error, 0, nl, outputs[l - 1], 0, nPrev, p, 0, nl);
      int w = topology.weightOffset(l);
      if (assign) {
        for (int i = 0, n = nl * nPrev; i < n; i++) {
          grad[w + i] = p[i];
        }
      } else {
        for (int i = 0, n = nl * nPrev; i < n; i++) {
          grad[w + i] += p[i];
        }
      }
    }

    @Override void roundSums(double[] grad, boolean sparseInputs) {
      int[] r = outside[sparseInputs ? 1 : 0];
      for (int k = 0; k < r.length; k += 2) {
        for (int i = r[k]; i < r[k + 1]; i++) {
          grad[i] = (float) grad[i];
        }
      }
    }

    /**
     * The entries a pass handles outside the products, as [from, to) pairs: every layer's biases, and layer 1's
     * weights with them when the inputs are sparse.
     */
    private static int[] outsideProducts(Topology t, boolean sparseInputs) {
      int[] r = new int[2 * t.numLayers()];
      for (int l = 1; l <= t.numLayers(); l++) {
        r[2 * l - 2] = l == 1 && sparseInputs ? t.weightOffset(1) : t.biasOffset(l);
        r[2 * l - 1] = t.biasOffset(l) + t.size(l);
      }
      return r;
    }

    private float[] scratch(int n) {
      if (product.length < n) {
        product = new float[n];
      }
      return product;
    }

    private static float[] narrow(double[] src, int n, float[] into) {
      float[] out = into == null || into.length < n ? new float[n] : into;
      for (int i = 0; i < n; i++) {
        out[i] = (float) src[i];
      }
      return out;
    }
  }
}
