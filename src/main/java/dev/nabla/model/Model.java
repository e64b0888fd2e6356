package dev.nabla.model;

import dev.nabla.nn.Network;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained network: its {@link Topology}, the flat parameter array (layout in {@link Topology}), the
 * input {@link Scaling} fitted with it, the task and the {@link Manifest}. Immutable; inference takes
 * RAW features and applies the scaling itself, so callers never scale by hand.
 *
 * <p>Classification outputs are read as follows: with n_L = numClasses outputs (softmax) the class is
 * the argmax (the lowest index on ties); with a single output (numClasses = 2, e.g. a sigmoid) the
 * class is 1 when a ≥ 0.5, else 0.
 */
public final class Model implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The column {@link #transform} adds: the class index, or the first target for regression. */
  public static final String PREDICTION_COL = "prediction";
  /** The column {@link #transform} adds for classification: the output activations A^L as a vector. */
  public static final String PROBABILITY_COL = "probability";
  /** Rows pushed through one forward GEMM per batch in {@link #transform}. */
  static final int TRANSFORM_BATCH = 1024;

  private final Topology topology;
  private final double[] params;
  private final Scaling scaling;
  private final Task task;
  private final int numClasses;
  private final Manifest manifest;

  /**
   * @param params the flat parameters, {@link Topology#numParams()} finite values (copied)
   * @param scaling fitted on n_0 features
   * @param numClasses at least 2 for classification, with n_L = numClasses or n_L = 1 for two classes; 0 for regression
   * @param manifest must describe the same topology, task, numClasses and scaling kind
   * @throws IllegalArgumentException naming the inconsistent field and what is allowed
   */
  public Model(Topology topology, double[] params, Scaling scaling, Task task, int numClasses, Manifest manifest) {
    this.topology = Objects.requireNonNull(topology, "topology");
    this.scaling = Objects.requireNonNull(scaling, "scaling");
    this.task = Objects.requireNonNull(task, "task");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.numClasses = numClasses;
    if (params.length != topology.numParams()) {
      throw new IllegalArgumentException("model: params has " + params.length + " values but topology " + topology
          + " needs " + topology.numParams());
    }
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        throw new IllegalArgumentException("model: params[" + i + "] is " + params[i]
            + "; parameters must be finite (did training diverge? use the last good checkpoint)");
      }
    }
    this.params = params.clone();
    if (scaling.numFeatures() != topology.inputSize()) {
      throw new IllegalArgumentException("model: scaling has " + scaling.numFeatures() + " features but the input "
          + "layer has n_0 = " + topology.inputSize() + "; fit the scaling on the training features");
    }
    int outputs = topology.outputSize();
    if (task == Task.CLASSIFICATION && (numClasses < 2 || (outputs != numClasses && !(outputs == 1 && numClasses == 2)))) {
      throw new IllegalArgumentException("model: numClasses is " + numClasses + " with n_L = " + outputs
          + " outputs; classification needs numClasses >= 2 and n_L = numClasses, or n_L = 1 for 2 classes");
    }
    if (task == Task.REGRESSION && numClasses != 0) {
      throw new IllegalArgumentException("model: numClasses is " + numClasses + "; regression needs numClasses 0");
    }
    checkManifest();
  }

  private void checkManifest() {
    Topology described = manifest.topology();
    if (!described.equals(topology) || manifest.task() != task || manifest.numClasses() != numClasses
        || manifest.scalingKind() != scaling.kind()) {
      throw new IllegalArgumentException("model: manifest describes " + described + ", " + manifest.task() + ", "
          + manifest.numClasses() + " classes, scaling " + manifest.scaling() + " but the model is " + topology + ", "
          + task + ", " + numClasses + " classes, scaling " + scaling.kind()
          + "; build the manifest with Manifest.create from the same topology");
    }
  }

  /** The same model with another manifest (e.g. one carrying the final metrics). */
  public Model withManifest(Manifest m) {
    return new Model(topology, params, scaling, task, numClasses, m);
  }

  public Topology topology() { return topology; }

  /** A copy of the flat parameter array. */
  public double[] params() { return params.clone(); }

  public Scaling scaling() { return scaling; }

  /**
   * The flat parameters of the same function of RAW features, with the input scaling
   * x' = (x − shift)·factor folded into layer 1, computed in float64: W¹' = W¹·diag(factor) and
   * b¹' = b¹ − W¹·diag(factor)·shift (a copy of {@link #params()} when the scaling is none). For runtimes
   * that take the network without Nabla's preprocessing (MLlib's perceptron, ONNX).
   */
  public double[] foldedParams() {
    double[] p = params.clone();
    if (scaling.kind() == ScalingKind.NONE) {
      return p;
    }
    int n0 = topology.inputSize();
    int n1 = topology.size(1);
    double[] shift = scaling.shift();
    double[] factor = scaling.factor();
    int w = topology.weightOffset(1);
    int b = topology.biasOffset(1);
    for (int k = 0; k < n0; k++) {
      for (int j = 0; j < n1; j++) {
        double scaled = p[w + j + k * n1] * factor[k];
        p[w + j + k * n1] = scaled;
        p[b + j] -= scaled * shift[k];
      }
    }
    return p;
  }

  public Task task() { return task; }

  /** The number of classes; 0 for regression. */
  public int numClasses() { return numClasses; }

  public Manifest manifest() { return manifest; }

  /**
   * The outputs A^L (n_L × cols, column-major) for RAW features: {@code features} holds {@code cols}
   * samples of n_0 features each, column-major; it is not modified (the scaling is applied to a copy).
   */
  public double[] predictRaw(double[] features, int cols) {
    int n0 = topology.inputSize();
    if (cols < 0 || (long) n0 * cols > features.length) {
      throw new IllegalArgumentException("model: " + cols + " samples of n_0 = " + n0 + " features need "
          + (long) n0 * cols + " values, the array has " + features.length);
    }
    double[] x = Arrays.copyOf(features, n0 * cols);
    double[] out = new double[topology.outputSize() * cols];
    scaleAndForward(x, cols, out, new Network(topology).newWorkspace(cols));
    return out;
  }

  /** The class index of each of the {@code cols} samples (RAW features, column-major); see the class comment. */
  public int[] predictClass(double[] features, int cols) {
    requireClassification("predictClass");
    double[] out = predictRaw(features, cols);
    int[] classes = new int[cols];
    for (int c = 0; c < cols; c++) {
      classes[c] = classOf(out, c);
    }
    return classes;
  }

  /** Per sample: the class index (classification) or the first output (regression), as {@link #transform} writes it. */
  public double[] predict(double[] features, int cols) {
    return predictions(predictRaw(features, cols), cols);
  }

  /** {@link #predict}'s values from outputs A^L already computed by {@link #predictRaw}, without another pass. */
  public double[] predictions(double[] out, int cols) {
    double[] p = new double[cols];
    for (int c = 0; c < cols; c++) {
      p[c] = predictionOf(out, c);
    }
    return p;
  }

  /**
   * Adds {@value #PREDICTION_COL} (double: the class index, or the first target for regression) and, for
   * classification, {@value #PROBABILITY_COL} (an ml.linalg DenseVector of the output activations A^L;
   * a single value for a one-output binary model) to a DataFrame whose {@code featuresCol} holds
   * ml.linalg Vectors of RAW features. Rows are scored {@value #TRANSFORM_BATCH} at a time per
   * partition through one forward GEMM per layer; the model travels to executors by broadcast.
   */
  public Dataset<Row> transform(Dataset<Row> df, String featuresCol) {
    return transform(df, featuresCol, TRANSFORM_BATCH);
  }

  Dataset<Row> transform(Dataset<Row> df, String featuresCol, int batchSize) {
    StructType in = df.schema();
    int index = Arrays.asList(in.fieldNames()).indexOf(featuresCol);
    if (index < 0) {
      throw new IllegalArgumentException("DataFrame has no column '" + featuresCol + "'; its columns are "
          + Arrays.toString(in.fieldNames()) + "; pass the name of the features vector column");
    }
    if (!in.fields()[index].dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("column '" + featuresCol + "' has type " + in.fields()[index].dataType()
          .simpleString() + "; it must be an ml.linalg Vector (build one with VectorAssembler)");
    }
    String[] added = task == Task.CLASSIFICATION ? new String[] {PREDICTION_COL, PROBABILITY_COL}
        : new String[] {PREDICTION_COL};
    StructType out = in;
    for (String name : added) {
      if (Arrays.asList(in.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("DataFrame already has a column '" + name
            + "'; drop or rename it before transform");
      }
      out = out.add(name, name.equals(PREDICTION_COL) ? DataTypes.DoubleType : SQLDataTypes.VectorType(), false);
    }
    Broadcast<Model> shared = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext()).broadcast(this);
    return df.mapPartitions(new BatchScorer(shared, index, featuresCol, batchSize), Encoders.row(out));
  }

  /** Scales {@code x} (n_0 × cols, RAW) in place, then writes A^L into {@code out}. */
  void scaleAndForward(double[] x, int cols, double[] out, Workspace ws) {
    scaling.applyToColumns(x, topology.inputSize(), cols);
    new Network(topology).predict(params, x, cols, out, ws);
  }

  /** The class of column {@code c} of outputs A^L. */
  int classOf(double[] out, int c) {
    int nL = topology.outputSize();
    int off = c * nL;
    if (nL == 1) {
      return out[off] >= 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int j = 1; j < nL; j++) {
      if (out[off + j] > out[off + best]) {
        best = j;
      }
    }
    return best;
  }

  /** The prediction of column {@code c}: its class index, or its first output for regression. */
  double predictionOf(double[] out, int c) {
    return task == Task.CLASSIFICATION ? classOf(out, c) : out[c * topology.outputSize()];
  }

  private void requireClassification(String what) {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException(what + " needs a classification model, but this model's task is " + task
          + "; use predict or predictRaw");
    }
  }

  @Override
  public String toString() {
    return "Model[" + topology + ", " + task + (task == Task.CLASSIFICATION ? " (" + numClasses + " classes)" : "")
        + ", scaling " + scaling.kind() + "]";
  }
}
