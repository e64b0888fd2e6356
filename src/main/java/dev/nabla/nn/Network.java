package dev.nabla.nn;

/**
 * Batch forward and backward propagation for one {@link Topology} over a flat parameter array.
 *
 * <p>A batch is a column-major matrix, one column per sample: inputs X are n_0 × cols, targets Y are
 * n_L × cols. Forward costs one GEMM per layer; backward one GEMM per layer for BP2 (L − 1 of them:
 * the error at the inputs, δ^0, is never needed) and one per layer for BP4. No per-sample loop.
 *
 * <p>Every method taking X comes twice: with a {@code double[]} (dense, column-major) and with
 * {@link Inputs}, dense or sparse. Only layer 1 reads X; with {@link SparseInputs} its two GEMMs become
 * one axpy per non-zero each way, and nothing else changes.
 */
public final class Network {
  private final Topology topology;
  private final Precision precision;

  /** A network whose workspaces multiply in float64. */
  public Network(Topology topology) {
    this(topology, Precision.FLOAT64);
  }

  /** A network whose workspaces multiply at {@code precision} ({@link Products}). */
  public Network(Topology topology, Precision precision) {
    this.topology = topology;
    this.precision = precision;
  }

  public Topology topology() {
    return topology;
  }

  /** A workspace sized for {@code columns} samples, at the network's precision. */
  public Workspace newWorkspace(int columns) {
    return new Workspace(topology, columns, precision);
  }

  /** Forward pass: Z^l = W^l A^{l−1} + b^l and A^l = σ(Z^l) for l = 1..L, into {@code ws}. */
  public void forward(double[] params, double[] x, int cols, Workspace ws) {
    forward(params, ws.dense(x), cols, ws);
  }

  /** As {@link #forward(double[], double[], int, Workspace)}, over dense or sparse inputs. */
  public void forward(double[] params, Inputs x, int cols, Workspace ws) {
    forward(params, x, cols, ws, null, null);
  }

  /** As {@link #forward(double[], Inputs, int, Workspace, Dropout, long[])}, over dense inputs. */
  public void forward(double[] params, double[] x, int cols, Workspace ws, Dropout dropout, long[] columnSeeds) {
    forward(params, ws.dense(x), cols, ws, dropout, columnSeeds);
  }

  /**
   * Training forward pass with inverted dropout on hidden layers: layer l + 1 (and BP4) see
   * A^l ⊙ mask^l, the masks drawn per column from {@code columnSeeds[c]} (see {@link Dropout}).
   * Layer 1 multiplies the inputs as they are held (dense GEMM or sparse columns); A^1 onwards are dense.
   *
   * @param dropout null for none
   */
  public void forward(double[] params, Inputs x, int cols, Workspace ws, Dropout dropout, long[] columnSeeds) {
    checkInputs(params, x, cols);
    ws.ensure(cols);
    java.util.SplittableRandom[] rngs = null;
    if (dropout != null && !dropout.isNone()) {
      rngs = new java.util.SplittableRandom[cols];
      for (int c = 0; c < cols; c++) {
        rngs[c] = new java.util.SplittableRandom(columnSeeds[c]);
      }
    }
    Products w = ws.products;
    double[] dense = x instanceof DenseInputs d ? d.array() : null;
    double[] p = w.begin(params, dense == null);
    if (dense != null) {
      w.output(0, dense, cols);
    }
    for (int l = 1; l <= topology.numLayers(); l++) {
      int nl = topology.size(l);
      double[] z = ws.z[l];
      int b = topology.biasOffset(l);
      for (int c = 0; c < cols; c++) {
        System.arraycopy(p, b, z, c * nl, nl);
      }
      if (l == 1 && dense == null) {
        x.multiplyInto(p, topology.weightOffset(1), nl, cols, z);
      } else {
        w.forward(l, l == 1 ? dense : ws.output(l - 1), cols, z);
      }
      topology.activation(l).apply(z, ws.a[l], nl, cols);
      ws.droppedActive[l] = rngs != null && l < topology.numLayers() && dropout.rate(l) > 0;
      if (ws.droppedActive[l]) {
        ws.ensureDropout(l);
        dropout.apply(l, ws.a[l], ws.mask[l], ws.dropped[l], nl, cols, rngs);
      }
      w.output(l, ws.output(l), cols);
    }
  }

  /** Writes the network's outputs A^L for the batch into {@code out} (n_L × cols, column-major). */
  public void predict(double[] params, double[] x, int cols, double[] out, Workspace ws) {
    predict(params, ws.dense(x), cols, out, ws);
  }

  /** As {@link #predict(double[], double[], int, double[], Workspace)}, over dense or sparse inputs. */
  public void predict(double[] params, Inputs x, int cols, double[] out, Workspace ws) {
    forward(params, x, cols, ws);
    System.arraycopy(ws.a[topology.numLayers()], 0, out, 0, topology.outputSize() * cols);
  }

  /**
   * The SUM over the batch of C_x, after {@link #forward} on the same batch.
   */
  public double lossSum(double[] y, int cols, Workspace ws) {
    int last = topology.numLayers();
    return topology.loss().sum(ws.z[last], ws.a[last], y, topology.outputSize(), cols);
  }

  /** Backward pass, errors only: BP1 for δ^L, then BP2 for δ^{L−1} … δ^1 (δ^0, at the inputs, is not needed). */
  public void computeDeltas(double[] params, double[] y, int cols, Workspace ws) {
    int last = topology.numLayers();
    checkBatch(params, y, cols, topology.outputSize(), "targets");
    Backprop.bp1(topology, ws.z[last], ws.a[last], y, ws.delta[last], cols);
    for (int l = last - 1; l >= 1; l--) {
      Backprop.bp2(topology, ws.products, l, ws.delta[l + 1], ws.z[l], ws.a[l], ws.delta[l], cols);
      if (ws.droppedActive[l]) {
        // Dropout: a unit that was dropped passed nothing on, so its error is 0; a kept one was scaled.
        double[] d = ws.delta[l];
        double[] m = ws.mask[l];
        for (int i = 0, n = topology.size(l) * cols; i < n; i++) {
          d[i] *= m[i];
        }
      }
    }
  }

  /** Adds the batch's gradient SUM to {@code grad}: BP3 and BP4 for every layer, from the deltas in ws. */
  public void accumulateGradient(double[] x, int cols, Workspace ws, double[] grad) {
    accumulateGradient(ws.dense(x), cols, ws, grad);
  }

  /** As {@link #accumulateGradient(double[], int, Workspace, double[])}, over dense or sparse inputs (a SUM). */
  public void accumulateGradient(Inputs x, int cols, Workspace ws, double[] grad) {
    gradient(x, cols, ws, grad, false);
  }

  /** BP3 and BP4 for every layer into grad: added, or with {@code assign} written (grad's old values unread). */
  private void gradient(Inputs x, int cols, Workspace ws, double[] grad, boolean assign) {
    for (int l = 1; l <= topology.numLayers(); l++) {
      boolean dense = l > 1 || x instanceof DenseInputs;
      if (assign) {
        int from = dense ? topology.biasOffset(l) : topology.weightOffset(1);
        java.util.Arrays.fill(grad, from, topology.biasOffset(l) + topology.size(l), 0.0);
      }
      Backprop.bp3(topology, l, ws.delta[l], cols, grad);
      if (!dense) {
        Backprop.bp4First(topology, x, ws.delta[1], cols, grad);
      } else {
        Backprop.bp4(ws.products, l, ws.delta[l], l == 1 ? ((DenseInputs) x).array() : ws.output(l - 1), cols, grad,
            assign);
      }
    }
  }

  /**
   * Forward and backward over one batch: adds Σ_x ∇C_x to {@code sum.gradient}, Σ_x C_x to
   * {@code sum.lossSum} and cols to {@code sum.count}.
   */
  public void addGradient(double[] params, double[] x, double[] y, int cols, Workspace ws, GradientSum sum) {
    addGradient(params, ws.dense(x), y, cols, ws, sum, null, null);
  }

  /** As {@link #addGradient(double[], double[], double[], int, Workspace, GradientSum)}, with dropout. */
  public void addGradient(double[] params, double[] x, double[] y, int cols, Workspace ws, GradientSum sum,
      Dropout dropout, long[] columnSeeds) {
    addGradient(params, ws.dense(x), y, cols, ws, sum, dropout, columnSeeds);
  }

  /**
   * As {@link #addGradient(double[], double[], double[], int, Workspace, GradientSum)}, over dense or
   * sparse inputs: adds SUMS.
   */
  public void addGradient(double[] params, Inputs x, double[] y, int cols, Workspace ws, GradientSum sum) {
    addGradient(params, x, y, cols, ws, sum, null, null);
  }

  /** As {@link #addGradient(double[], Inputs, double[], int, Workspace, GradientSum)}, with dropout (SUMS). */
  public void addGradient(double[] params, Inputs x, double[] y, int cols, Workspace ws, GradientSum sum,
      Dropout dropout, long[] columnSeeds) {
    if (cols == 0) {
      return;
    }
    sums(params, x, y, cols, ws, sum, Double.NaN, dropout, columnSeeds, false);
  }

  /**
   * A training step's share of one batch, as its task sends it: {@code sum} := the batch's SUMS (what {@link
   * GradientSum#clear} and then {@link #addGradient(double[], Inputs, double[], int, Workspace, GradientSum, Dropout,
   * long[])} or, with a clip C, {@link #addClippedGradient(double[], Inputs, double[], int, Workspace, GradientSum,
   * double, Dropout, long[])} give), each entry written once (the array is not zeroed first), and at FLOAT32 every
   * gradient entry a float32 value (the precision a float32 step's SUMS travel in; the loss SUM stays float64).
   *
   * @param clip C &gt; 0 (+∞ allowed) to clip per sample (DP-SGD), NaN for the plain SUM
   * @param dropout null for none
   */
  public void stepSums(double[] params, Inputs x, double[] y, int cols, Workspace ws, GradientSum sum, double clip,
      Dropout dropout, long[] columnSeeds) {
    if (cols <= 0) {
      throw new IllegalArgumentException("a step's share needs a row, got cols = " + cols);
    }
    if (!Double.isNaN(clip)) {
      checkClip(clip);
    }
    sums(params, x, y, cols, ws, sum, clip, dropout, columnSeeds, true);
  }

  /**
   * Forward and backward over the batch, clipped per sample unless {@code clip} is NaN: the SUMS added into {@code
   * sum}, or with {@code fresh} written over it (each entry once; at FLOAT32 every gradient entry a float32 value).
   */
  private void sums(double[] params, Inputs x, double[] y, int cols, Workspace ws, GradientSum sum, double clip,
      Dropout dropout, long[] columnSeeds, boolean fresh) {
    forward(params, x, cols, ws, dropout, columnSeeds);
    double loss = lossSum(y, cols, ws);
    computeDeltas(params, y, cols, ws);
    if (!Double.isNaN(clip)) {
      SampleClipping.norms(topology, x, cols, ws);
      SampleClipping.clip(topology, cols, ws, clip);
    }
    gradient(x, cols, ws, sum.gradient, fresh);
    if (fresh) {
      ws.products.roundSums(sum.gradient, !(x instanceof DenseInputs));
      sum.lossSum = loss;
      sum.count = cols;
    } else {
      sum.lossSum += loss;
      sum.count += cols;
    }
  }

  private static void checkClip(double clip) {
    if (!(clip > 0)) {
      throw new IllegalArgumentException("clip must be > 0 (or +Infinity for none), got " + clip);
    }
  }

  /**
   * Forward and backward over one batch with per-sample clipping (DP-SGD, Abadi et al. 2016): adds the
   * clipped gradient SUM Σ_x min(1, C/‖g_x‖) ∇C_x to {@code sum.gradient}, the UNCLIPPED loss SUM Σ_x C_x
   * to {@code sum.lossSum} and cols to {@code sum.count}. The norms are computed from the deltas and
   * activations already in hand and the δ columns are scaled before BP3/BP4 (see {@link SampleClipping});
   * C = +∞ gives exactly {@link #addGradient}'s sum. Afterwards {@link #sampleNorms} holds the
   * unclipped per-sample norms ‖g_x‖.
   *
   * @param clip C &gt; 0, or +∞ for no clipping
   * @param dropout null for none
   */
  public void addClippedGradient(double[] params, double[] x, double[] y, int cols, Workspace ws, GradientSum sum,
      double clip, Dropout dropout, long[] columnSeeds) {
    addClippedGradient(params, ws.dense(x), y, cols, ws, sum, clip, dropout, columnSeeds);
  }

  /**
   * As {@link #addClippedGradient(double[], double[], double[], int, Workspace, GradientSum, double, Dropout,
   * long[])}, over dense or sparse inputs: adds the clipped gradient SUM and the unclipped loss SUM.
   */
  public void addClippedGradient(double[] params, Inputs x, double[] y, int cols, Workspace ws, GradientSum sum,
      double clip, Dropout dropout, long[] columnSeeds) {
    checkClip(clip);
    if (cols == 0) {
      return;
    }
    sums(params, x, y, cols, ws, sum, clip, dropout, columnSeeds, false);
  }

  /**
   * The per-sample gradient norms ‖∇C_x‖ (of each sample's own, unclipped gradient) of one batch, without
   * dropout, as a new array of length cols.
   */
  public double[] sampleNorms(double[] params, double[] x, double[] y, int cols) {
    Workspace ws = newWorkspace(cols);
    return sampleNorms(params, ws.dense(x), y, cols, ws);
  }

  /** As {@link #sampleNorms(double[], double[], double[], int)}, over dense or sparse inputs. */
  public double[] sampleNorms(double[] params, Inputs x, double[] y, int cols) {
    return sampleNorms(params, x, y, cols, newWorkspace(cols));
  }

  private double[] sampleNorms(double[] params, Inputs x, double[] y, int cols, Workspace ws) {
    forward(params, x, cols, ws);
    computeDeltas(params, y, cols, ws);
    SampleClipping.norms(topology, x, cols, ws);
    return java.util.Arrays.copyOf(ws.sampleNorms, cols);
  }

  /** Convenience: the gradient SUM of one batch, in a new {@link GradientSum}. */
  public GradientSum gradientSum(double[] params, double[] x, double[] y, int cols) {
    GradientSum sum = new GradientSum(topology.numParams());
    addGradient(params, x, y, cols, newWorkspace(cols), sum);
    return sum;
  }

  private void checkInputs(double[] params, Inputs x, int cols) {
    checkParams(params);
    if (x.rows() != topology.inputSize()) {
      throw new IllegalArgumentException("inputs have " + x.rows() + " rows (features), topology " + topology
          + " needs " + topology.inputSize());
    }
    if (cols < 0 || cols > x.columns()) {
      throw new IllegalArgumentException("inputs: a batch of " + cols + " columns, " + x + " holds " + x.columns());
    }
  }

  private void checkBatch(double[] params, double[] m, int cols, int rows, String what) {
    checkParams(params);
    if (cols < 0 || (long) rows * cols > m.length) {
      throw new IllegalArgumentException(what + ": " + cols + " columns of " + rows + " need "
          + (long) rows * cols + " entries, array has " + m.length);
    }
  }

  private void checkParams(double[] params) {
    if (params.length != topology.numParams()) {
      throw new IllegalArgumentException("params has length " + params.length + ", topology " + topology
          + " needs " + topology.numParams());
    }
  }
}
