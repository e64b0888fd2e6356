package dev.nabla.nn;

/**
 * Reusable buffers for one batch's forward and backward pass: Z^l, A^l and δ^l for l = 1..L, each a
 * column-major n_l × cols matrix. Buffers grow when a larger batch arrives and are otherwise reused,
 * so a training loop allocates nothing per step. Not thread-safe: one workspace per thread.
 */
public final class Workspace {
  final Topology topology;
  final double[][] z;
  final double[][] a;
  final double[][] delta;
  /** Dropout masks and masked activations of hidden layers, allocated on first use. */
  final double[][] mask;
  final double[][] dropped;
  /** Whether layer l's masked activations fed the last forward pass. */
  final boolean[] droppedActive;
  /** Per-sample gradient norms ‖g_x‖ of the last clipped backward pass (one per column). */
  double[] sampleNorms = new double[0];
  private int capacity;
  /** The wrapper of the dense X of the last call through a {@code double[]} overload of {@link Network}. */
  private DenseInputs denseInputs;
  /** The pass's matrix products, at the workspace's precision (with their float32 copies for FLOAT32). */
  final Products products;

  /** A float64 workspace for {@code topology}, sized for {@code columns} samples (it grows on demand). */
  public Workspace(Topology topology, int columns) {
    this(topology, columns, Precision.FLOAT64);
  }

  /** A workspace whose products run at {@code precision}. */
  public Workspace(Topology topology, int columns, Precision precision) {
    this.topology = topology;
    this.products = precision == Precision.FLOAT32 ? new Products.Float32(topology) : new Products.Float64(topology);
    int layers = topology.numLayers() + 1;
    this.z = new double[layers][];
    this.a = new double[layers][];
    this.delta = new double[layers][];
    this.mask = new double[layers][];
    this.dropped = new double[layers][];
    this.droppedActive = new boolean[layers];
    this.capacity = -1;
    ensure(Math.max(1, columns));
  }

  /** Makes room for {@code columns} samples. */
  void ensure(int columns) {
    if (columns <= capacity) {
      return;
    }
    for (int l = 1; l <= topology.numLayers(); l++) {
      int len = topology.size(l) * columns;
      z[l] = new double[len];
      a[l] = new double[len];
      delta[l] = new double[len];
      mask[l] = null;
      dropped[l] = null;
    }
    sampleNorms = new double[columns];
    capacity = columns;
  }

  /** {@code x} as dense inputs of n_0 rows, in one wrapper reused from call to call. */
  DenseInputs dense(double[] x) {
    if (denseInputs == null) {
      denseInputs = new DenseInputs(x, topology.inputSize());
    }
    return denseInputs.wrap(x);
  }

  /** Makes room for layer l's dropout mask and masked activations. */
  void ensureDropout(int l) {
    if (mask[l] == null) {
      mask[l] = new double[z[l].length];
      dropped[l] = new double[z[l].length];
    }
  }

  /** What layer l passes on to layer l + 1 (and to BP4): A^l, or A^l ⊙ mask^l under dropout. */
  public double[] output(int l) {
    return droppedActive[l] ? dropped[l] : a[l];
  }

  /** The precision of the products. */
  public Precision precision() {
    return products instanceof Products.Float32 ? Precision.FLOAT32 : Precision.FLOAT64;
  }

  /** The topology these buffers are shaped for. */
  public Topology topology() {
    return topology;
  }

  /** A^l after {@link Network#forward}: column-major n_l × cols (the array may be longer). */
  public double[] activations(int l) {
    return a[l];
  }

  /** Z^l after {@link Network#forward}. */
  public double[] weightedInputs(int l) {
    return z[l];
  }

  /** δ^l after {@link Network#computeDeltas}. */
  public double[] deltas(int l) {
    return delta[l];
  }
}
