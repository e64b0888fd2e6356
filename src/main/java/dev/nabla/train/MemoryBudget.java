package dev.nabla.train;

import dev.nabla.nn.Topology;
import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * What a training run needs in memory outside Spark's own accounting, checked before the first job so that a run
 * that cannot fit stops with one line saying so ({@link ResourceException}) instead of dying of an
 * {@code OutOfMemoryError} half-way.
 *
 * <p>Spark manages cached data (it spills to disk) and its shuffles; what it does not manage are the arrays a run
 * keeps: on the driver θ, the mean gradient, θ encoded for the executors, the optimizer's state and one received
 * SUM per partition; in each task the gradient SUM and its encoded copy, the forward/backward workspace, the batch
 * and its share of the shuffle window's rows; and θ decoded once per executor. They share a JVM's heap with what
 * Spark keeps: 300 MB it reserves, and the cached data it holds in memory (at most spark.memory.fraction of the
 * rest; the remainder spills to disk).
 */
final class MemoryBudget {
  /** The heap Spark reserves for itself in every JVM. */
  static final long RESERVED = 300L << 20;

  private MemoryBudget() {
  }

  /** Bytes of the driver's arrays: θ, its encoding, the mean gradient, optimizer slots, a SUM per partition. */
  static long driver(int numParams, int optimizerSlots, int partitions) {
    return 8L * numParams * (3L + optimizerSlots + partitions);
  }

  /**
   * Bytes one task holds: gradient SUM, encoded result, received θ, workspace (Z, A, δ per layer), the batch's X and
   * Y, and its share of the window's rows.
   *
   * @param rows the most rows of a step in one task (the batch size, when one task gets them all)
   * @param inputBytesPerRow bytes of one gathered input column (dense: 8·n_0; sparse: 12 per non-zero)
   */
  static long task(Topology t, int rows, double inputBytesPerRow, long windowShare) {
    long hidden = 0;
    for (int l = 1; l <= t.numLayers(); l++) {
      hidden += t.size(l);
    }
    return 8L * t.numParams() * 2 + 8L * 3 * hidden * rows + (long) (inputBytesPerRow * rows)
        + 8L * t.outputSize() * rows + windowShare;
  }

  /** What a heap of {@code heap} bytes leaves a run when Spark caches {@code cached} bytes of data in it. */
  static long available(SparkConf conf, long heap, long cached) {
    long usable = Math.max(0, heap - RESERVED);
    double fraction = conf.getDouble("spark.memory.fraction", 0.6);
    return usable - Math.min((long) (usable * fraction), cached);
  }

  /**
   * Throws a {@link ResourceException} when the run's arrays cannot fit: in local mode driver and tasks share the
   * driver's heap; on a cluster the driver's arrays must fit its heap and {@code tasksPerExecutor} tasks an
   * executor's ({@code spark.executor.memory}).
   */
  static void check(SparkConf conf, boolean local, int tasks, int tasksPerExecutor, long driverBytes, long taskBytes,
      long cachedBytes, String what) {
    long driverHeap = Runtime.getRuntime().maxMemory();
    if (local) {
      long need = driverBytes + (long) tasks * taskBytes;
      long have = available(conf, driverHeap, cachedBytes);
      if (need > have) {
        throw new ResourceException("not enough memory for " + what + ": the driver and its " + tasks + " tasks need "
            + mb(need) + " (" + mb(driverBytes) + " on the driver, " + mb(taskBytes) + " per task) beyond the cached "
            + "data, but a " + mb(driverHeap) + " heap leaves " + mb(have) + "; raise the heap (NABLA_DRIVER_MEMORY, "
            + "--driver-memory), or use fewer partitions, a smaller --batch-size or --shuffle-window");
      }
      return;
    }
    long driverHave = available(conf, driverHeap, 0);
    if (driverBytes > driverHave) {
      throw new ResourceException("not enough driver memory for " + what + ": θ, the optimizer's state and one "
          + "gradient SUM per partition take " + mb(driverBytes) + ", a " + mb(driverHeap) + " driver heap leaves "
          + mb(driverHave) + "; raise --driver-memory or use fewer partitions");
    }
    long executorHeap = conf.getSizeAsBytes("spark.executor.memory", "1g");
    int executors = Math.max(1, tasks / Math.max(1, tasksPerExecutor));
    long executorHave = available(conf, executorHeap, cachedBytes / executors);
    long need = (long) tasksPerExecutor * taskBytes;
    if (need > executorHave) {
      throw new ResourceException("not enough executor memory for " + what + ": " + tasksPerExecutor + " task(s) per "
          + "executor need " + mb(need) + " (" + mb(taskBytes) + " each) beyond the cached data, a "
          + mb(executorHeap) + " executor heap leaves " + mb(executorHave) + "; raise --executor-memory, or use a "
          + "smaller --batch-size or --shuffle-window");
    }
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }
}
