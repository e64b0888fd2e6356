package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Network;
import dev.nabla.nn.Saturation;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.Collections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The small Spark job behind the per-epoch saturation diagnostics: a forward pass, with the epoch's final
 * parameters, over a deterministic sample of at most {@value #MAX_ROWS} training rows (the rows whose
 * view index is a multiple of ⌈N / {@value #MAX_ROWS}⌉, so the sample is spread over all partitions
 * and is the same every epoch), counted by {@link Saturation} and merged in one reduce. "Dead" therefore
 * means: never active on that sample with those parameters.
 */
final class HealthProbe {
  /** The most rows the probe forwards. */
  static final int MAX_ROWS = 4096;
  private static final int CHUNK = 512;

  private HealthProbe() {
  }

  /** The stride of the sample: every stride-th global row index. */
  static long stride(long rows) {
    return Math.max(1, (rows + MAX_ROWS - 1) / MAX_ROWS);
  }

  /** Saturated and dead units of the hidden layers on the sample of {@code rows} training rows. */
  static Saturation measure(JavaRDD<ShardGroup> data, Broadcast<DataView> view, Broadcast<double[]> params,
      Topology t, long rows) {
    long stride = stride(rows);
    return data.mapPartitions(it -> {
      Saturation s = new Saturation(t);
      Network net = new Network(t);
      Workspace ws = net.newWorkspace(CHUNK);
      double[] p = params.value();
      FullPass pass = new FullPass(view.value(), CHUNK);
      while (it.hasNext()) {
        pass.forEach(it.next(), k -> k % stride == 0, (x, y, cols) -> {
          net.forward(p, x, cols, ws);
          s.add(ws, cols);
        });
      }
      return Collections.singletonList(s).iterator();
    }).reduce(Saturation::merge);
  }
}
