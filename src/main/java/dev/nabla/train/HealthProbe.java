package dev.nabla.train;

import dev.nabla.data.BlockSet;
import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Network;
import dev.nabla.nn.Saturation;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.optim.Split;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The small Spark job (or, in local mode while the step stream is open, the same passes in the driver's JVM) behind the
 * per-epoch saturation diagnostics: a forward pass, with the epoch's final parameters, over a deterministic sample of
 * at most {@value #MAX_ROWS} training rows (the rows whose view index is a multiple of ⌈N / {@value #MAX_ROWS}⌉, so the
 * sample is spread over all partitions and is the same every epoch), counted by {@link Saturation} per partition and
 * merged in partition order. "Dead" therefore means: never active on that sample with those parameters.
 */
final class HealthProbe {
  /** The most rows the probe forwards. */
  static final int MAX_ROWS = 4096;

  private HealthProbe() {
  }

  /** The stride of the sample: every stride-th global row index. */
  static long stride(long rows) {
    return Math.max(1, (rows + MAX_ROWS - 1) / MAX_ROWS);
  }

  /**
   * Saturated and dead units of the hidden layers on the sample of {@code rows} training rows: one Spark job, the
   * partitions' counts merged in partition order.
   */
  static Saturation measure(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Broadcast<double[]> params,
      Topology t, long rows) {
    return Evaluation.inOrder(data.mapPartitions(it -> Collections.singletonList(
        of(it, view.value(), params.value(), t, rows)).iterator()).collect(), Saturation::merge);
  }

  /**
   * As the job, in this JVM ({@link Evaluation#inThisJvm}): local mode, while the step stream's tasks hold the slots;
   * {@code context} is a live task's of this JVM.
   */
  static Saturation measure(BlockSet data, DataView view, double[] params, Topology t, long rows, Split split,
      TaskContext context) {
    return Evaluation.inThisJvm(data, split, context, it -> of(it, view, params, t, rows), Saturation::merge);
  }

  /** One partition's counts: what a task of the job computes. */
  private static Saturation of(Iterator<ShardGroup> it, DataView view, double[] p, Topology t, long rows) {
    long stride = stride(rows);
    Saturation s = new Saturation(t);
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(Evaluation.CHUNK);
    FullPass pass = new FullPass(view, Evaluation.CHUNK);
    while (it.hasNext()) {
      pass.forEach(it.next(), k -> k % stride == 0, (x, y, cols) -> {
        net.forward(p, x, cols, ws);
        s.add(ws, cols);
      });
    }
    return s;
  }
}
