package dev.nabla.train;

import dev.nabla.data.BlockSet;
import dev.nabla.data.ShardGroup;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.nn.Network;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.optim.Split;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One forward-only pass over packed rows, into mergeable metrics: a Spark job, or in local mode while the step stream
 * holds the slots the same per-partition passes in this JVM; either way merged in partition order.
 */
public final class Evaluation {
  /**
   * Rows per forward pass (of the evaluation and the health probe): a 784-feature batch of 256 is 1.6 MB of float64,
   * under the G1 heap region's half (2 MB at a 4 MB region) that would make every pass's buffers humongous allocations
   * (measured: 512 rows made the probe 30-77 ms an epoch, 256 rows 13-18 ms; 1024 rows made a 5,000-row partition's
   * evaluation 27-57 ms, 256 rows 21 ms).
   */
  static final int CHUNK = 256;

  private Evaluation() {
  }

  /**
   * Loss, accuracy, confusion matrix, … of classification targets (one-hot, length k): one Spark job, the partitions'
   * metrics merged in partition order (not in the order their tasks end), so the same bits every run.
   */
  static ClassificationMetrics classification(JavaRDD<ShardGroup> data, Broadcast<DataView> view,
      Broadcast<double[]> params, Topology t, int numClasses, Precision precision) {
    return inOrder(data.mapPartitions(it -> Collections.singletonList(
        classificationOf(it, view.value(), params.value(), t, numClasses, precision)).iterator()).collect(),
        ClassificationMetrics::merge);
  }

  /** Loss, MSE, RMSE, MAE, R² of regression targets: as {@link #classification}, merged in partition order. */
  static RegressionMetrics regression(JavaRDD<ShardGroup> data, Broadcast<DataView> view,
      Broadcast<double[]> params, Topology t, Precision precision) {
    return inOrder(data.mapPartitions(it -> Collections.singletonList(
        regressionOf(it, view.value(), params.value(), t, precision)).iterator()).collect(), RegressionMetrics::merge);
  }

  /** One partition's classification metrics: what a task of {@link #classification}'s job computes. */
  static ClassificationMetrics classificationOf(java.util.Iterator<ShardGroup> it, DataView view, double[] params,
      Topology t, int numClasses, Precision precision) {
    ClassificationMetrics m = new ClassificationMetrics(numClasses);
    forEachChunk(it, view, params, t, precision, (out, y, cols, lossSum) -> {
      int k = t.outputSize();
      for (int c = 0; c < cols; c++) {
        m.add(argmax(y, c * k, k), argmax(out, c * k, k));
      }
      m.addLoss(lossSum);
    });
    return m;
  }

  /** One partition's regression metrics: what a task of {@link #regression}'s job computes. */
  static RegressionMetrics regressionOf(java.util.Iterator<ShardGroup> it, DataView view, double[] params, Topology t,
      Precision precision) {
    RegressionMetrics m = new RegressionMetrics(t.outputSize());
    forEachChunk(it, view, params, t, precision, (out, y, cols, lossSum) -> {
      int k = t.outputSize();
      for (int c = 0; c < cols; c++) {
        m.add(y, c * k, out, c * k);
      }
      m.addLoss(lossSum);
    });
    return m;
  }

  /** The partitions' metrics merged in partition order (into the first). */
  static <M> M inOrder(List<M> partitions, java.util.function.BinaryOperator<M> merge) {
    M total = partitions.get(0);
    for (int i = 1; i < partitions.size(); i++) {
      total = merge.apply(total, partitions.get(i));
    }
    return total;
  }

  /** {@link ClassificationMetrics} of the parameters on a classification set (one Spark job). */
  public static ClassificationMetrics classification(TrainingSet set, Broadcast<double[]> params, Topology t) {
    return withView(set, view -> classification(set.data().groups(), view, params, t, set.numClasses(),
        Precision.FLOAT64));
  }

  /** {@link RegressionMetrics} of the parameters on a regression set (one Spark job). */
  public static RegressionMetrics regression(TrainingSet set, Broadcast<double[]> params, Topology t) {
    return withView(set, view -> regression(set.data().groups(), view, params, t, Precision.FLOAT64));
  }

  private static <T> T withView(TrainingSet set, java.util.function.Function<Broadcast<DataView>, T> job) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(set.data().groups().context());
    Broadcast<DataView> view = sc.broadcast(set.view(java.util.UUID.randomUUID().toString()));
    try {
      return job.apply(view);
    } finally {
      view.destroy();
    }
  }

  /** The metrics an epoch reports for the task, by name. */
  public static Map<String, Double> summary(TrainingSet set, Broadcast<double[]> params, Topology t) {
    return withView(set, view -> summary(set, view, params, t, Precision.FLOAT64));
  }

  /**
   * As {@link #summary(TrainingSet, Broadcast, Topology)} with the set's view already broadcast, the forward passes'
   * products at {@code precision} (a training run's per-epoch validation uses its training precision).
   */
  static Map<String, Double> summary(TrainingSet set, Broadcast<DataView> view, Broadcast<double[]> params,
      Topology t, Precision precision) {
    return set.numClasses() > 0
        ? summary(classification(set.data().groups(), view, params, t, set.numClasses(), precision))
        : summary(regression(set.data().groups(), view, params, t, precision));
  }

  /**
   * Local mode, while the step stream holds the task slots: what {@link #summary(TrainingSet, Broadcast, Broadcast,
   * Topology, Precision)} computes, without a Spark job. The same per-partition passes run in this JVM, the partitions
   * as {@code split}'s items (shared with the stream's waiting task threads), merged in partition order: the same
   * bits. A pass reads its partition through the task context of the thread it runs on, or through {@code context} (a
   * live task's of this JVM) on a thread that has none (the driver's).
   */
  static Map<String, Double> summary(TrainingSet set, DataView view, double[] params, Topology t, Precision precision,
      Split split, TaskContext context) {
    return set.numClasses() > 0
        ? summary(inThisJvm(set.data(), split, context,
            it -> classificationOf(it, view, params, t, set.numClasses(), precision), ClassificationMetrics::merge))
        : summary(inThisJvm(set.data(), split, context, it -> regressionOf(it, view, params, t, precision),
            RegressionMetrics::merge));
  }

  /**
   * Local mode: a per-partition pass over {@code data}'s partitions in this JVM, without a Spark job, the partitions as
   * {@code split}'s items, the results merged in partition order (as the pass's job merges them). A partition's handle
   * reads through the task context of the thread it runs on, or through {@code context} (a live task's of this JVM) on
   * a thread that has none (the driver's).
   */
  static <M> M inThisJvm(BlockSet data, Split split, TaskContext context,
      java.util.function.Function<java.util.Iterator<ShardGroup>, M> pass, java.util.function.BinaryOperator<M> merge) {
    @SuppressWarnings("unchecked")
    M[] out = (M[]) new Object[data.partitions()];
    split.run(out.length, (from, to) -> {
      TaskContext own = TaskContext.get();
      for (int p = from; p < to; p++) {
        out[p] = pass.apply(List.of(data.group(p, own != null ? own : context)).iterator());
      }
    });
    return inOrder(Arrays.asList(out), merge);
  }

  /** The metrics an epoch reports of a classification set. */
  static Map<String, Double> summary(ClassificationMetrics c) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", c.meanLoss());
    m.put("accuracy", c.accuracy());
    return m;
  }

  /** The metrics an epoch reports of a regression set. */
  static Map<String, Double> summary(RegressionMetrics r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", r.meanLoss());
    m.put("mse", r.mse());
    m.put("rmse", r.rmse());
    m.put("mae", r.mae());
    m.put("r2", r.r2());
    return m;
  }

  static int argmax(double[] v, int off, int len) {
    int best = 0;
    for (int i = 1; i < len; i++) {
      if (v[off + i] > v[off + best]) {
        best = i;
      }
    }
    return best;
  }

  private interface ChunkConsumer {
    void accept(double[] outputs, double[] targets, int cols, double lossSum);
  }

  private static void forEachChunk(java.util.Iterator<ShardGroup> it, DataView view, double[] params, Topology t,
      Precision precision, ChunkConsumer consumer) {
    Network net = new Network(t, precision);
    Workspace ws = net.newWorkspace(CHUNK);
    int k = t.outputSize();
    double[] out = new double[k * CHUNK];
    FullPass pass = new FullPass(view, CHUNK);
    while (it.hasNext()) {
      pass.forEach(it.next(), row -> true, (x, y, cols) -> {
        net.forward(params, x, cols, ws);
        double loss = net.lossSum(y, cols, ws);
        System.arraycopy(ws.activations(t.numLayers()), 0, out, 0, k * cols);
        consumer.accept(out, y, cols, loss);
      });
    }
  }
}
