package dev.nabla.train.lbfgs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import dev.nabla.train.DivergenceException;
import dev.nabla.train.TrainResult;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.TrainingFixtures;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full-batch L-BFGS against Spark MLlib's {@code MultilayerPerceptronClassifier}, which runs the same
 * Breeze L-BFGS (memory 10, tolerance 1e-6) over the same objective.
 *
 * <p>The data: three overlapping Gaussian classes in four dimensions, so that no network separates them
 * and the minimal mean cross-entropy stays well above 0 (on separable data the loss creeps towards 0
 * for as long as one iterates, and a relative comparison would mean nothing). MLlib's topology is
 * sigmoid hidden layers and a softmax output with cross-entropy; Nabla's is the same. Both start from
 * the same parameters, Nabla's {@link Init#MLLIB_UNIFORM} draw (MLlib's distribution), handed to MLlib
 * with {@code setInitialWeights}: the objective is not convex, and from MLlib's own random start the two
 * runs settled in different local minima whose losses differed by 0.2–1.1% on such data (measured while
 * writing this test), which would test the luck of the draw rather than the optimizer. From one start the
 * two runs follow the same path for a long while (the losses after 100 iterations agree to about 1e-7),
 * then part: the sums are rounded in different orders (and MLlib's {@code log} of an underflowed
 * probability makes some of its line-search probes infinite), the objective is flat near its minimum,
 * and how many iterations Breeze takes before its relative tests stop it depends on those roundings. The
 * iteration counts measured here for 1, 2, 3 and 4 partitions: MLlib 525, 825, 660, 756; Nabla 887,
 * 880, 1024, 1041 (native OpenBLAS), all with final losses within 0.5024–0.5059. So the test compares
 * the early path (iteration 100, to 1e-6) and the final losses (1%), and requires both runs to stop by
 * convergence well before a generous cap; it does not compare iteration counts.
 * MLlib is run with
 * {@code blockSize 1}: it averages the loss over stacked blocks, and only blocks of one row make that
 * the mean over rows, which is Nabla's objective. MLlib's loss is not exposed, so it is computed here
 * from the fitted model's weights with Nabla's {@link Network}, after checking that Nabla's network
 * with those weights reproduces MLlib's own probabilities (which proves the shared flat layout).
 */
class LbfgsTrainerTest extends SharedSpark {
  private static final int N = 1000;
  private static final int D = 4;
  private static final int K = 3;
  private static final int[] LAYERS = {D, 3, K};
  private static final int ITERATIONS = 3000;
  /** Where the two paths are compared before they part. */
  private static final int EARLY = 100;
  private static final long SEED = 5;
  private final Topology topology = Topology.of(LAYERS, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    rows = overlappingClasses(N, D, K, 47);
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** k classes with centres N(0, 1) per coordinate and unit noise: heavily overlapping. */
  private static List<Example> overlappingClasses(int n, int d, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = rng.nextGaussian();
      }
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(k);
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = centres[label][j] + rng.nextGaussian();
      }
      out.add(new Example(i, x, new double[] {label}));
    }
    return out;
  }

  /** The rows as one column-major batch: inputs into x, one-hot targets into y. */
  private void batch(double[] x, double[] y) {
    for (int c = 0; c < N; c++) {
      System.arraycopy(rows.get(c).features(), 0, x, c * D, D);
      y[c * K + (int) rows.get(c).target()[0]] = 1;
    }
  }

  /** The mean cross-entropy over all rows at {@code params}, single-process. */
  private double meanLoss(double[] params) {
    double[] x = new double[D * N];
    double[] y = new double[K * N];
    batch(x, y);
    return new Network(topology).gradientSum(params, x, y, N).lossSum / N;
  }

  private TrainSettings settings(int iterations) {
    return new TrainSettings(topology, Init.MLLIB_UNIFORM, 1, 1, iterations, SEED);
  }

  private TrainResult nabla(int partitions, int iterations, TrainingSet validation, List<EpochMetrics> epochs) {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, partitions), K);
    TrainResult r = new LbfgsTrainer(sc).fit(set, validation, settings(iterations), LbfgsTrainer.DEFAULT_MEMORY,
        LbfgsTrainer.DEFAULT_TOLERANCE, new TrainingListener() {
          @Override public void onEpoch(EpochMetrics m) {
            epochs.add(m);
          }
        });
    set.data().release();
    return r;
  }

  private Dataset<Row> frame() {
    List<Row> out = new ArrayList<>();
    for (Example e : rows) {
      out.add(RowFactory.create(e.target()[0], Vectors.dense(e.features())));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
    return spark.createDataFrame(out, schema).repartition(2);
  }

  @Test
  void reachesTheSameTrainingLossAsMllibWithinOnePercent() {
    Dataset<Row> df = frame().cache();
    MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier().setLayers(LAYERS)
        .setSolver("l-bfgs").setBlockSize(1).setMaxIter(ITERATIONS).setTol(LbfgsTrainer.DEFAULT_TOLERANCE)
        .setInitialWeights(Vectors.dense(Init.MLLIB_UNIFORM.initialize(topology, settings(1).initSeed())))
        .setSeed(7).fit(df);
    double[] mllibHistory = model.summary().objectiveHistory();
    int mllibIterations = mllibHistory.length - 1;
    double[] mllibWeights = model.weights().toArray();
    assertEquals(topology.numParams(), mllibWeights.length);

    // Nabla's network with MLlib's weights gives MLlib's probabilities: the flat layouts agree.
    List<Row> scored = model.transform(df).select("features", "probability").collectAsList();
    Network net = new Network(topology);
    double[] out = new double[K];
    for (Row r : scored) {
      double[] x = ((Vector) r.get(0)).toArray();
      net.predict(mllibWeights, x, 1, out, net.newWorkspace(1));
      assertArrayEquals(((Vector) r.get(1)).toArray(), out, 1e-9);
    }
    double mllibLoss = meanLoss(mllibWeights);

    List<EpochMetrics> epochs = new ArrayList<>();
    TrainResult r = nabla(3, ITERATIONS, null, epochs);
    double nablaLoss = meanLoss(r.params());
    assertTrue(mllibIterations < ITERATIONS && epochs.size() < ITERATIONS, "both must converge before the cap: MLlib "
        + mllibIterations + ", Nabla " + epochs.size() + " iterations of " + ITERATIONS);
    assertEquals(mllibHistory[EARLY], epochs.get(EARLY - 1).trainLoss(), 1e-6 * mllibHistory[EARLY],
        "the same optimizer on the same objective: the losses after " + EARLY + " iterations");
    assertEquals(nablaLoss, epochs.get(epochs.size() - 1).trainLoss(), 1e-12 * nablaLoss);
    assertTrue(nablaLoss < 0.9 * Math.log(K), "training should learn something: " + nablaLoss);
    assertEquals(mllibLoss, nablaLoss, 0.01 * mllibLoss, "final mean cross-entropy, MLlib vs Nabla");
    df.unpersist();
  }

  @Test
  void twoRunsAreBitwiseEqual() {
    TrainResult first = nabla(3, 25, null, new ArrayList<>());
    TrainResult second = nabla(3, 25, null, new ArrayList<>());
    assertArrayEquals(first.params(), second.params());
    assertEquals(25, first.history().size());
    for (int i = 0; i < 25; i++) {
      assertEquals(first.history().get(i).trainLoss(), second.history().get(i).trainLoss(), 0.0, "iteration " + (i + 1));
    }
  }

  @Test
  void reportsEachIterationAsAnEpochWithNonIncreasingLossAndValidationMetrics() {
    TrainingSet validation = TrainingFixtures.packed(sc, overlappingClasses(120, D, K, 48), new int[] {60, 60}, K);
    List<EpochMetrics> epochs = new ArrayList<>();
    TrainResult r = nabla(2, 12, validation, epochs);
    assertEquals(12, epochs.size());
    assertEquals(epochs, r.history());
    double previous = meanLoss(Init.MLLIB_UNIFORM.initialize(topology, settings(1).initSeed()));
    for (int i = 0; i < epochs.size(); i++) {
      EpochMetrics m = epochs.get(i);
      assertEquals(i + 1, m.epoch());
      assertTrue(m.trainLoss() <= previous, "L-BFGS accepts only decreasing steps: " + previous + " then " + m.trainLoss());
      assertTrue(m.learningRate() > 0 && Double.isFinite(m.learningRate()), "line-search step " + m.learningRate());
      assertTrue(m.validation().get("accuracy") >= 0 && m.validation().get("loss") > 0, m.validation().toString());
      previous = m.trainLoss();
    }
    assertEquals(meanLoss(r.params()), previous, 1e-12 * previous);
    validation.data().release();
  }

  @Test
  void aNonFiniteStartingPointStopsWithDivergence() {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 2), K);
    double[] params = Init.MLLIB_UNIFORM.initialize(topology, 1);
    params[topology.biasOffset(2)] = Double.NaN;
    DivergenceException e = assertThrows(DivergenceException.class, () -> new LbfgsTrainer(sc).fit(set, null,
        settings(5), 10, 1e-6, new TrainingListener() { }, params));
    assertTrue(e.getMessage().startsWith("L-BFGS diverged at the starting point"), e.getMessage());
    assertTrue(e.getMessage().contains("the gradient of layer"), e.getMessage());
    set.data().release();
  }

  @Test
  void rejectsBadMemoryToleranceAndPenalty() {
    TrainingSet none = new TrainingSet(null);
    LbfgsTrainer trainer = new LbfgsTrainer(sc);
    TrainingListener quiet = new TrainingListener() { };
    IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(none, null, settings(5), 0, 1e-6, quiet));
    assertEquals("memory must be a positive integer (MLlib uses 10), got 0", memory.getMessage());
    IllegalArgumentException tolerance = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(none, null, settings(5), 10, -1, quiet));
    assertEquals("tolerance must be a number ≥ 0 (MLlib uses 1e-6), got -1.0", tolerance.getMessage());
    IllegalArgumentException l2 = assertThrows(IllegalArgumentException.class, () -> new LbfgsTrainer(sc, Double.NaN));
    assertEquals("l2 must be a number ≥ 0, got NaN", l2.getMessage());
  }
}
