package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.privacy.RdpAccountant;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DP-SGD through the Spark loop: Poisson batches, the clipped step, noise, ε, the target. */
class DpTrainingTest extends SharedSpark {
  private static final int N = 600;
  private final Topology topology = Topology.of(new int[] {5, 12, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private JavaSparkContext sc;
  private List<Example> rows;
  private TrainingSet threeParts;

  @BeforeAll
  void data() {
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    rows = TrainingFixtures.blobs(N, 5, 3, 11);
    threeParts = TrainingFixtures.packed(sc, rows, new int[] {150, 320, 130}, 3);
  }

  @Test
  void poissonStepEqualsSingleProcessClippedSumOfTheHashedBatchOnAnyPartitioning() {
    PoissonSampling sampling = new PoissonSampling(N, 50, 17);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    TrainingSet one = TrainingFixtures.packed(sc, rows, new int[] {N}, 3);
    int epoch = 2;
    int step = 5;
    List<Example> batch = new ArrayList<>();
    for (Example e : rows) {
      if (sampling.inBatch(epoch, step, e.index())) {
        batch.add(e);
      }
    }
    double[] x = new double[5 * batch.size()];
    double[] y = new double[3 * batch.size()];
    for (int c = 0; c < batch.size(); c++) {
      System.arraycopy(batch.get(c).features(), 0, x, c * 5, 5);
      y[c * 3 + (int) batch.get(c).target()[0]] = 1;
    }
    Network net = new Network(topology);
    double clip = 0.5;
    GradientSum single = new GradientSum(topology.numParams());
    net.addClippedGradient(params, x, y, batch.size(), net.newWorkspace(batch.size()), single, clip, null, null);
    for (TrainingSet set : new TrainingSet[] {one, threeParts}) {
      GradientSum sum = new PoissonStepJob(set.data().groups(), TrainingFixtures.view(set), topology, sampling, clip, null, 0,
          Trainer.DEFAULT_TREE_FANOUT, dev.nabla.nn.Precision.FLOAT64, false)
          .run(bc, epoch, step);
      assertEquals(batch.size(), sum.count);
      for (int i = 0; i < params.length; i++) {
        assertEquals(single.gradient[i], sum.gradient[i], 1e-12 * (1 + Math.abs(single.gradient[i])));
      }
    }
    bc.destroy();
    one.data().release();
  }

  @Test
  void poissonBatchSizesAverageTheExpectedSize() {
    PoissonSampling sampling = new PoissonSampling(N, 60, 5);
    assertEquals(10, sampling.stepsPerEpoch());
    long total = 0;
    int draws = 0;
    for (int epoch = 0; epoch < 20; epoch++) {
      for (int step = 0; step < sampling.stepsPerEpoch(); step++) {
        for (long r = 0; r < N; r++) {
          total += sampling.inBatch(epoch, step, r) ? 1 : 0;
        }
        draws++;
      }
    }
    double mean = (double) total / draws;
    // Binomial(600, 0.1) per step: sd of the mean over 200 steps is sqrt(54 / 200) ≈ 0.52.
    assertEquals(60, mean, 5 * 0.52);
    assertEquals(234, PoissonSampling.stepsPerEpoch(60000, 256), "round(60000 / 256) = round(234.375)");
  }

  private TrainResult run(Trainer trainer, TrainSettings s, Optimization o) {
    return trainer.fit(threeParts, null, s, o, new TrainingListener() { });
  }

  @Test
  void infiniteClipAndZeroNoiseTrainBitwiseLikeNonPrivatePoissonTraining() {
    // Compared: the final parameters (every bit) and every epoch's mean training loss (every bit) of
    //  (a) the DP path: per-sample norms + clipping at C = ∞ in the backward pass, noise σ = 0 added on the
    //      driver, divided by the expected batch size m;
    //  (b) the non-private path with the same Poisson batches (plain addGradient, no noise, same divisor m);
    // with Adam and dropout, 4 epochs of 6 steps, on the same three partitions.
    TrainSettings s = new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.01, 100, 4, 9, Dropout.uniform(topology, 0.2));
    TrainResult dp = run(new Trainer(sc).privacy(PrivacyConfig.of(Double.POSITIVE_INFINITY, 0, 1e-5)), s,
        Optimization.of("adam"));
    TrainResult plain = run(new Trainer(sc).poissonSampling(true), s, Optimization.of("adam"));
    assertArrayEquals(plain.params(), dp.params(), 0.0);
    for (int e = 0; e < 4; e++) {
      assertEquals(Double.doubleToLongBits(plain.history().get(e).trainLoss()),
          Double.doubleToLongBits(dp.history().get(e).trainLoss()));
      assertEquals(Double.POSITIVE_INFINITY, dp.history().get(e).epsilon(), "no clipping: no guarantee");
      assertTrue(Double.isNaN(plain.history().get(e).epsilon()));
    }
    TrainResult clipped = run(new Trainer(sc).privacy(PrivacyConfig.of(0.1, 0, 1e-5)), s, Optimization.of("adam"));
    assertTrue(maxAbsDiff(plain.params(), clipped.params()) > 1e-3, "a finite clip must change the run");
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  @Test
  void dpTrainingReachesNinetyPercentAccuracyOnBlobsAtEpsilonBelowThree() {
    List<Example> all = TrainingFixtures.blobs(6600, 5, 3, 21);
    List<Example> trainRows = all.subList(0, 6000);
    List<Example> valRows = new ArrayList<>();
    for (Example e : all.subList(6000, 6600)) {
      valRows.add(new Example(e.index() - 6000, e.features(), e.target()));
    }
    TrainingSet train = TrainingFixtures.packed(sc, trainRows, TrainingFixtures.even(6000, 3), 3);
    TrainingSet val = TrainingFixtures.packed(sc, valRows, TrainingFixtures.even(600, 2), 3);
    Topology t = Topology.of(new int[] {5, 16, 3}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    TrainSettings s = new TrainSettings(t, Init.HE_NORMAL, 0.2, 150, 5, 3);
    PrivacyConfig dp = PrivacyConfig.of(1.0, 1.1, 1e-5);
    TrainResult r = new Trainer(sc).privacy(dp).fit(train, val, s, Optimization.sgd(), new TrainingListener() { });
    EpochMetrics last = r.history().get(r.history().size() - 1);
    double expected = RdpAccountant.epsilon(150.0 / 6000, 1.1, 5L * 40, 1e-5);
    System.out.printf("dp blobs: accuracy %.4f at epsilon %.4f%n", last.validationMetric("accuracy"), last.epsilon());
    assertEquals(expected, last.epsilon(), 0.0);
    assertTrue(last.epsilon() < 3, "epsilon " + last.epsilon());
    assertTrue(last.validationMetric("accuracy") >= 0.9, "accuracy " + last.validationMetric("accuracy")
        + " at epsilon " + last.epsilon());
    train.data().release();
    val.data().release();
  }

  @Test
  void targetEpsilonStopsBeforeAnEpochWouldExceedIt() {
    TrainSettings s = new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.1, 100, 10, 4);
    double after3 = RdpAccountant.epsilon(100.0 / N, 1.0, 3L * 6, 1e-5);
    double after4 = RdpAccountant.epsilon(100.0 / N, 1.0, 4L * 6, 1e-5);
    double target = (after3 + after4) / 2;
    List<String> messages = new ArrayList<>();
    TrainResult r = new Trainer(sc).privacy(new PrivacyConfig(1.0, 1.0, 1e-5, target, false))
        .fit(threeParts, null, s, Optimization.sgd(), new TrainingListener() {
          @Override public void onMessage(String line) {
            messages.add(line);
          }
        });
    assertEquals(3, r.history().size());
    assertEquals(after3, r.history().get(2).epsilon(), 0.0);
    assertTrue(r.history().get(2).epsilon() <= target);
    assertTrue(messages.get(messages.size() - 1).startsWith("dp: stopping before epoch 4"), messages.toString());
  }

  @Test
  void resumedDpRunEndsBitwiseLikeTheUninterruptedOneWithTheSameEpsilons(@TempDir Path dir) {
    TrainSettings s = new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.05, 100, 3, 8, Dropout.uniform(topology, 0.1));
    PrivacyConfig dp = PrivacyConfig.of(1.0, 1.1, 1e-5);
    TrainResult whole = run(new Trainer(sc).privacy(dp), s, Optimization.of("momentum"));
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 4, false, 2);
    assertThrows(IllegalStateException.class, () -> new Trainer(sc).privacy(dp).checkpoints(store)
        .fit(threeParts, null, s, Optimization.of("momentum"), new TrainingListener() {
          @Override public void onStep(int epoch, int step, double loss) {
            if (epoch == 2 && step == 5) {
              throw new IllegalStateException("simulated crash");
            }
          }
        }));
    TrainResult resumed = new Trainer(sc).privacy(dp).checkpoints(store).resumeFrom(store.latest())
        .fit(threeParts, null, s, Optimization.of("momentum"), new TrainingListener() { });
    assertArrayEquals(whole.params(), resumed.params(), 0.0);
    for (int e = 0; e < 3; e++) {
      assertEquals(whole.history().get(e).epsilon(), resumed.history().get(e).epsilon(), 0.0);
    }
    ResumeMismatchException other = assertThrows(ResumeMismatchException.class, () -> new Trainer(sc)
        .resumeFrom(store.latest()).fit(threeParts, null, s, Optimization.of("momentum"), new TrainingListener() { }));
    assertEquals("--dp-clip", other.setting(), "a non-private run must refuse a DP checkpoint");
  }

  @Test
  void rejectsTargetThatTheFirstEpochAlreadyExceeds() {
    TrainSettings s = new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.1, 100, 10, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(
        new Trainer(sc).privacy(new PrivacyConfig(1.0, 1.0, 1e-5, 0.01, false)), s, Optimization.sgd()));
    assertTrue(e.getMessage().startsWith("--dp-target-epsilon 0.01: one epoch already spends"), e.getMessage());
  }
}
