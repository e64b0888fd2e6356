package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import dev.nabla.train.stream.TreeShape;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs one task per training partition with {@code SparkContext.runJob} and adds the tasks' gradient SUMS
 * (raw bytes {count, lossSum, gradient…}, see {@link #encode}) in the order of the run's tree
 * ({@link TreeShape#fold}), the order the tree stream adds them in, so the total never depends on which task
 * finished first, nor on the engine. Shared by the
 * mini-batch {@link StepJob} and the full-batch {@link FullBatchJob}; the driver-side decode buffers are
 * kept across runs.
 */
final class OrderedSums {
  private static final ClassTag<byte[]> BYTES = ClassTag$.MODULE$.apply(byte[].class);

  private final JavaRDD<ShardGroup> data;
  private final int numParams;
  private final scala.collection.immutable.Seq<Object> partitions;
  private final double[][] buffers;
  private final TreeShape tree;
  private final boolean round;

  /**
   * @param fanout the run's tree's k
   * @param round the run transfers float32: every subtree's SUMS are rounded as the stream rounds them
   */
  OrderedSums(JavaRDD<ShardGroup> data, int numParams, int fanout, boolean round) {
    this.round = round;
    this.data = data;
    this.numParams = numParams;
    int n = data.getNumPartitions();
    this.tree = new TreeShape(n, fanout);
    List<Object> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    this.partitions = CollectionConverters.asScala(ids).toList();
    this.buffers = new double[n][];
  }

  /** The bytes a task returns for its SUMS; a task with no rows returns an empty array instead. */
  static byte[] encode(GradientSum sum) {
    return encode(sum, new byte[encodedLength(sum.gradient.length)]);
  }

  /** As {@link #encode(GradientSum)}, into a buffer the caller reuses (length (2 + P) · 8). */
  static byte[] encode(GradientSum sum, byte[] into) {
    if (into.length != encodedLength(sum.gradient.length)) {
      throw new IllegalArgumentException("expected " + encodedLength(sum.gradient.length) + " bytes, got " + into.length);
    }
    put(sum, Doubles.view(into));
    return into;
  }

  /**
   * The SUMS' layout wherever they travel as doubles (task results, the step stream's answers):
   * {count, loss sum, gradient…}.
   */
  static void put(GradientSum sum, DoubleBuffer out) {
    out.put(sum.count).put(sum.lossSum).put(sum.gradient);
  }

  /** Reads what {@link #put} wrote, the gradient into {@code into} (length P). */
  static GradientSum get(DoubleBuffer in, double[] into) {
    long count = (long) in.get();
    double loss = in.get();
    in.get(into);
    return new GradientSum(into, loss, count);
  }

  /** The length of {@link #encode}'s bytes for {@code numParams} parameters. */
  static int encodedLength(int numParams) {
    return (2 + numParams) * Double.BYTES;
  }

  /**
   * Runs {@code task} (a named, serializable function class, not a lambda: no closure cleaning) on every
   * partition; returns the SUM of their results (not divided), a zero sum if every result is empty.
   */
  GradientSum run(Function2<TaskContext, scala.collection.Iterator<ShardGroup>, byte[]> task) {
    byte[][] results = new byte[buffers.length][];
    data.context().runJob(data.rdd(), task, partitions, new AbstractFunction2<Object, byte[], BoxedUnit>() {
      @Override public BoxedUnit apply(Object index, byte[] result) {
        results[(Integer) index] = result;
        return BoxedUnit.UNIT;
      }
    }, BYTES);
    return treeSum(results);
  }

  /** Σ of the non-empty results ({@code results[i]} from partition i; null or empty for none) in the tree's order. */
  GradientSum treeSum(byte[][] results) {
    GradientSum[] parts = new GradientSum[results.length];
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null || results[i].length == 0) {
        continue;
      }
      if (buffers[i] == null) {
        buffers[i] = new double[numParams];
      }
      parts[i] = decode(results[i], buffers[i]);
    }
    GradientSum total = tree.fold(parts, round);
    return total == null ? new GradientSum(numParams) : total;
  }

  /** Bytes of {@link #encode} as a SUM over {@code into} (length P). */
  static GradientSum decode(byte[] bytes, double[] into) {
    return get(Doubles.view(bytes), into);
  }

}
