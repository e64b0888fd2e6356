package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.nn.Network;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/** One distributed forward-only pass over packed rows, into mergeable metrics. */
public final class Evaluation {
  private static final int CHUNK = 1024;

  private Evaluation() {
  }

  /** Loss, accuracy, confusion matrix, … of classification targets (one-hot, length k). */
  public static ClassificationMetrics classification(JavaRDD<PackedPartition> data, Broadcast<double[]> params,
      Topology t, int numClasses) {
    return data.mapPartitions(it -> {
      ClassificationMetrics m = new ClassificationMetrics(numClasses);
      forEachChunk(it, params.value(), t, (out, y, cols, lossSum) -> {
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
  public static RegressionMetrics regression(JavaRDD<PackedPartition> data, Broadcast<double[]> params,
      Topology t) {
    return data.mapPartitions(it -> {
      RegressionMetrics m = new RegressionMetrics(t.outputSize());
      forEachChunk(it, params.value(), t, (out, y, cols, lossSum) -> {
        int k = t.outputSize();
        for (int c = 0; c < cols; c++) {
          m.add(y, c * k, out, c * k);
        }
        m.addLoss(lossSum);
      });
      return Collections.singletonList(m).iterator();
    }).reduce(RegressionMetrics::merge);
  }

  /** The metrics an epoch reports for the task, by name. */
  public static Map<String, Double> summary(TrainingSet set, Broadcast<double[]> params, Topology t) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (set.numClasses() > 0) {
      ClassificationMetrics c = classification(set.blocks(), params, t, set.numClasses());
      m.put("loss", c.meanLoss());
      m.put("accuracy", c.accuracy());
    } else {
      RegressionMetrics r = regression(set.blocks(), params, t);
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

  private static void forEachChunk(java.util.Iterator<PackedPartition> it, double[] params, Topology t,
      ChunkConsumer consumer) {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(CHUNK);
    int k = t.outputSize();
    double[] out = new double[k * CHUNK];
    while (it.hasNext()) {
      PackedPartition p = it.next();
      double[] x = new double[p.numFeatures * CHUNK];
      double[] y = new double[p.numTargets * CHUNK];
      for (int from = 0; from < p.rows; from += CHUNK) {
        int cols = Math.min(CHUNK, p.rows - from);
        System.arraycopy(p.features, from * p.numFeatures, x, 0, cols * p.numFeatures);
        System.arraycopy(p.targets, from * p.numTargets, y, 0, cols * p.numTargets);
        net.forward(params, x, cols, ws);
        double loss = net.lossSum(y, cols, ws);
        System.arraycopy(ws.activations(t.numLayers()), 0, out, 0, k * cols);
        consumer.accept(out, y, cols, loss);
      }
    }
  }
}
