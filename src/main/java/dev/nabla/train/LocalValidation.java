package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Split;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Local mode: each epoch's validation in this JVM instead of as a Spark job. The step stream keeps the task slots from
 * one epoch to the next (so the next epoch does not wait for its tasks to start again), and an evaluation job would
 * need those slots; so the validation partitions' handles ({@link ShardGroup}) are handed to the driver once per run,
 * by one small job whose tasks read each of their shards once (so it is cached before they end), and each epoch runs
 * the same per-partition passes as {@link Evaluation}'s job, on the driver's thread and on the stream's waiting task
 * threads ({@link Stepper#itemSplit()}), merged in partition order: the same metrics, bit for bit.
 *
 * <p>The shards are read from Spark's cache (memory or local disk) with the handing task's context; in local mode a
 * cached block is spilled, never lost, so nothing is recomputed under that finished task.
 */
final class LocalValidation {
  private static final Map<String, ShardGroup[]> HANDED = new ConcurrentHashMap<>();
  private final TrainingSet set;
  private final DataView view;
  private final ShardGroup[] groups;

  private LocalValidation(TrainingSet set, DataView view, ShardGroup[] groups) {
    this.set = set;
    this.view = view;
    this.groups = groups;
  }

  /**
   * Hands {@code set}'s partitions to this JVM's driver (one Spark job); {@code view} is how its rows are read.
   * Local mode only: elsewhere the tasks' handles stay on the executors.
   */
  static LocalValidation handOver(JavaSparkContext sc, TrainingSet set, DataView view) {
    if (!sc.isLocal()) {
      throw new IllegalStateException("the validation set is handed to the driver in local mode only");
    }
    String key = UUID.randomUUID().toString();
    HANDED.put(key, new ShardGroup[set.data().partitions()]);
    try {
      set.data().groups().foreachPartition(it -> {
        ShardGroup g = it.hasNext() ? it.next() : null;
        if (g != null) {
          for (int i = 0; i < g.slices(); i++) {
            g.load(i);
          }
        }
        HANDED.get(key)[TaskContext.getPartitionId()] = g;
      });
      return new LocalValidation(set, view, HANDED.get(key).clone());
    } finally {
      HANDED.remove(key);
    }
  }

  /** The validation partitions. */
  int partitions() {
    return groups.length;
  }

  /**
   * The metrics an epoch reports ({@link Evaluation#summary(TrainingSet, org.apache.spark.broadcast.Broadcast,
   * Topology)}) at {@code params}, the forward passes at {@code precision}, the partitions run as {@code split}'s
   * items (one per index).
   */
  Map<String, Double> summary(double[] params, Topology t, Precision precision, Split split) {
    if (set.numClasses() > 0) {
      ClassificationMetrics[] m = new ClassificationMetrics[groups.length];
      split.run(groups.length, (from, to) -> {
        for (int p = from; p < to; p++) {
          m[p] = Evaluation.classificationOf(iterator(p), view, params, t, set.numClasses(), precision);
        }
      });
      return Evaluation.summary(Evaluation.inOrder(Arrays.asList(m), ClassificationMetrics::merge));
    }
    RegressionMetrics[] m = new RegressionMetrics[groups.length];
    split.run(groups.length, (from, to) -> {
      for (int p = from; p < to; p++) {
        m[p] = Evaluation.regressionOf(iterator(p), view, params, t, precision);
      }
    });
    return Evaluation.summary(Evaluation.inOrder(Arrays.asList(m), RegressionMetrics::merge));
  }

  /** Partition p's groups, as its task's iterator gives them. */
  private java.util.Iterator<ShardGroup> iterator(int p) {
    List<ShardGroup> l = groups[p] == null ? List.of() : Collections.singletonList(groups[p]);
    return l.iterator();
  }
}
