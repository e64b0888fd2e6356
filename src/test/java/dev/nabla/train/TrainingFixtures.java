package dev.nabla.train;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/** Synthetic data sets and packing helpers for the train tests. */
public final class TrainingFixtures {
  private TrainingFixtures() {
  }

  /** k Gaussian blobs in d dimensions, n examples, labels 0..k−1, global indices 0..n−1. */
  public static List<Example> blobs(int n, int d, int k, long seed) {
    return noisyBlobs(n, d, k, seed, 0);
  }

  /** Blobs as {@link #blobs} (centres from a fixed seed), with a fraction of labels replaced at random. */
  public static List<Example> noisyBlobs(int n, int d, int k, long seed, double labelNoise) {
    SplittableRandom rng = new SplittableRandom(seed);
    SplittableRandom centerRng = labelNoise > 0 ? new SplittableRandom(1) : rng;
    double[][] centers = new double[k][d];
    for (double[] c : centers) {
      for (int j = 0; j < d; j++) {
        c[j] = 3 * centerRng.nextGaussian();
      }
    }
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(k);
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = centers[label][j] + rng.nextGaussian();
      }
      if (labelNoise > 0 && rng.nextDouble() < labelNoise) {
        label = rng.nextInt(k);
      }
      rows.add(new Example(i, x, new double[] {label}));
    }
    return rows;
  }

  /**
   * The rows split into partitions of the given sizes (in index order), one shard and training partition each, loaded
   * into cached blocks.
   */
  public static TrainingSet packed(JavaSparkContext sc, List<Example> rows, int[] sizes, int numClasses) {
    return packed(sc, rows, sizes, numClasses, true);
  }

  /**
   * As {@link #packed(JavaSparkContext, List, int[], int)}: class labels (numTargets = k) or, with classification
   * false, numTargets regression targets per row.
   */
  public static TrainingSet packed(JavaSparkContext sc, List<Example> rows, int[] sizes, int numTargets,
      boolean classification) {
    int[] bounds = new int[sizes.length];
    int acc = 0;
    for (int i = 0; i < sizes.length; i++) {
      acc += sizes[i];
      bounds[i] = acc;
    }
    if (acc != rows.size()) {
      throw new IllegalArgumentException("sizes add up to " + acc + ", not " + rows.size());
    }
    JavaRDD<Example> parted = sc.parallelize(rows, 1)
        .mapToPair(e -> new Tuple2<>(e.index(), e))
        .repartitionAndSortWithinPartitions(new RangeOf(bounds))
        .values();
    int d = rows.get(0).features().length;
    return new TrainingSet(DataReader.loadExamples(parted, "fixture", d, numTargets, classification,
        Storage.defaults()));
  }

  /** The set's view broadcast for a test's jobs (not destroyed: the test's Spark session ends with the class). */
  static org.apache.spark.broadcast.Broadcast<DataView> view(TrainingSet set) {
    return JavaSparkContext.fromSparkContext(set.data().groups().context())
        .broadcast(set.view("test-" + java.util.UUID.randomUUID()));
  }

  /** A step job over the set, without dropout. */
  static StepJob stepJob(TrainingSet set, dev.nabla.nn.Topology t, BatchSchedule schedule) {
    return stepJob(set, t, schedule, null, 0);
  }

  /** A step job over the set. */
  static StepJob stepJob(TrainingSet set, dev.nabla.nn.Topology t, BatchSchedule schedule, dev.nabla.nn.Dropout dropout,
      long dropoutSeed) {
    return new StepJob(set.data().groups(), view(set), t, schedule, dropout, dropoutSeed, Trainer.DEFAULT_TREE_FANOUT,
        dev.nabla.nn.Precision.FLOAT64, false);
  }

  /**
   * A regression set shaped like scikit-learn's diabetes data: n rows of d standard-normal features and one target
   * y = 150 + 70 · (w · x) + 17.5 · ε, with w a fixed unit vector (so w · x has variance 1) and ε standard normal:
   * mean 150, standard deviation about 72, the best possible R² about 0.94.
   */
  public static List<Example> diabetesLike(int n, int d, long seed) {
    SplittableRandom w = new SplittableRandom(99);
    double[] dir = new double[d];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      dir[j] = w.nextGaussian();
      norm += dir[j] * dir[j];
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<Example> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      double dot = 0;
      for (int j = 0; j < d; j++) {
        x[j] = r.nextGaussian();
        dot += dir[j] / Math.sqrt(norm) * x[j];
      }
      rows.add(new Example(i, x, new double[] {150 + 70 * dot + 17.5 * r.nextGaussian()}));
    }
    return rows;
  }

  /**
   * The gradient SUM of classification rows as one batch matrix in one process ({@code Network.gradientSum}, one-hot
   * targets): the reference the distributed passes must equal.
   */
  public static dev.nabla.nn.GradientSum oneBatch(dev.nabla.nn.Topology t, List<Example> rows, double[] params) {
    int d = t.inputSize();
    int k = t.outputSize();
    double[] x = new double[d * rows.size()];
    double[] y = new double[k * rows.size()];
    for (int c = 0; c < rows.size(); c++) {
      System.arraycopy(rows.get(c).features(), 0, x, c * d, d);
      y[c * k + (int) rows.get(c).target()[0]] = 1;
    }
    return new dev.nabla.nn.Network(t).gradientSum(params, x, y, rows.size());
  }

  /** Asserts that a resumed run ended as the uninterrupted one: the same parameters, losses and validation, bit for bit. */
  public static void assertSameRun(TrainResult whole, TrainResult resumed) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(whole.params(), resumed.params());
    org.junit.jupiter.api.Assertions.assertEquals(whole.history().size(), resumed.history().size());
    for (int i = 0; i < whole.history().size(); i++) {
      org.junit.jupiter.api.Assertions.assertEquals(whole.history().get(i).trainLoss(),
          resumed.history().get(i).trainLoss(), 0.0, "epoch " + (i + 1));
      org.junit.jupiter.api.Assertions.assertEquals(whole.history().get(i).validation(),
          resumed.history().get(i).validation(), "epoch " + (i + 1));
    }
  }

  /** The rows {@code schedule} puts in step {@code step} of {@code epoch}, in index order. */
  public static List<Example> stepRows(List<Example> rows, BatchSchedule schedule, int epoch, int step) {
    List<Example> batch = new ArrayList<>();
    for (Example e : rows) {
      if (schedule.stepOf(epoch, e.index()) == step) {
        batch.add(e);
      }
    }
    return batch;
  }

  /** Even partition sizes. */
  public static int[] even(int n, int parts) {
    int[] s = new int[parts];
    for (int i = 0; i < parts; i++) {
      s[i] = n / parts + (i < n % parts ? 1 : 0);
    }
    return s;
  }

  /** Puts index i in the first partition whose upper bound exceeds it. */
  static final class RangeOf extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int[] bounds;

    RangeOf(int[] bounds) {
      this.bounds = bounds;
    }

    @Override public int numPartitions() {
      return bounds.length;
    }

    @Override public int getPartition(Object key) {
      long i = (Long) key;
      for (int p = 0; p < bounds.length; p++) {
        if (i < bounds[p]) {
          return p;
        }
      }
      return bounds.length - 1;
    }
  }
}
