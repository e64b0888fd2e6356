package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.nn.Network;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** One distributed forward-only pass over packed rows, into mergeable metrics. */
public final class Evaluation {
  private static final int CHUNK = 1024;

  private Evaluation() {
  }

  /** Loss, accuracy, confusion matrix, … of classification targets (one-hot, length k). */
  static ClassificationMetrics classification(JavaRDD<ShardGroup> data, Broadcast<DataView> view,
      Broadcast<double[]> params, Topology t, int numClasses, Precision precision) {
    return data.mapPartitions(it -> {
      ClassificationMetrics m = new ClassificationMetrics(numClasses);
      forEachChunk(it, view.value(), params.value(), t, precision, (out, y, cols, lossSum) -> {
        int k = t.outputSize();
        for (int c = 0; c < cols; c++) {
          m.add(argmax(y, c * k, k), argmax(out, c * k, k));
        }
        m.addLoss(lossSum);
      });
      return Collections.singletonList(m).iterator();
    }).reduce(ClassificationMetrics::merge);
  }

  /** Loss, MSE, RMSE, MAE, R² of regression targets. */
  static RegressionMetrics regression(JavaRDD<ShardGroup> data, Broadcast<DataView> view,
      Broadcast<double[]> params, Topology t, Precision precision) {
    return data.mapPartitions(it -> {
      RegressionMetrics m = new RegressionMetrics(t.outputSize());
      forEachChunk(it, view.value(), params.value(), t, precision, (out, y, cols, lossSum) -> {
        int k = t.outputSize();
        for (int c = 0; c < cols; c++) {
          m.add(y, c * k, out, c * k);
        }
        m.addLoss(lossSum);
      });
      return Collections.singletonList(m).iterator();
    }).reduce(RegressionMetrics::merge);
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
    Map<String, Double> m = new LinkedHashMap<>();
    if (set.numClasses() > 0) {
      ClassificationMetrics c = classification(set.data().groups(), view, params, t, set.numClasses(), precision);
      m.put("loss", c.meanLoss());
      m.put("accuracy", c.accuracy());
    } else {
      RegressionMetrics r = regression(set.data().groups(), view, params, t, precision);
      m.put("loss", r.meanLoss());
      m.put("mse", r.mse());
      m.put("rmse", r.rmse());
      m.put("mae", r.mae());
      m.put("r2", r.r2());
    }
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
