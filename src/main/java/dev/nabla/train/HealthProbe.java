package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.Network;
import dev.nabla.nn.Saturation;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.optim.Split;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
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
  /**
   * Rows per forward pass: a 784-feature batch of 256 is 1.6 MB of float64, under the G1 heap region's half (2 MB at a
   * 4 MB region) that would make every pass's buffers humongous allocations (measured: 512 rows made the probe 30-77 ms
   * an epoch, 256 rows 13-18 ms).
   */
  private static final int CHUNK = 256;

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
   * As the job, in this JVM over the training partitions' handles ({@code groups}; a null entry has no rows), the
   * partitions run as {@code split}'s items: local mode, while the step stream's tasks hold the partitions.
   */
  static Saturation measure(ShardGroup[] groups, DataView view, double[] params, Topology t, long rows, Split split) {
    Saturation[] s = new Saturation[groups.length];
    split.run(groups.length, (from, to) -> {
      for (int p = from; p < to; p++) {
        List<ShardGroup> g = groups[p] == null ? List.of() : Collections.singletonList(groups[p]);
        s[p] = of(g.iterator(), view, params, t, rows);
      }
    });
    return Evaluation.inOrder(Arrays.asList(s), Saturation::merge);
  }

  /** One partition's counts: what a task of the job computes. */
  private static Saturation of(Iterator<ShardGroup> it, DataView view, double[] p, Topology t, long rows) {
    long stride = stride(rows);
    Saturation s = new Saturation(t);
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(CHUNK);
    FullPass pass = new FullPass(view, CHUNK);
    while (it.hasNext()) {
      pass.forEach(it.next(), k -> k % stride == 0, (x, y, cols) -> {
        net.forward(p, x, cols, ws);
        s.add(ws, cols);
      });
    }
    return s;
  }
}
