package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same rows gathered dense and gathered sparse train the same: steps to 1e-12, whole runs to 1e-9. */
class SparseTrainingTest extends SharedSpark {
  private static final int N = 150;
  private static final int D = 60;
  private static final int K = 3;
  private final Topology topology = Topology.of(new int[] {D, 8, K}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    SplittableRandom r = new SplittableRandom(4);
    rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int label = r.nextInt(K);
      double[] x = new double[D];
      for (int k = 0; k < 4; k++) {
        x[label * 20 + r.nextInt(20)] = 1 + r.nextInt(3);
      }
      x[r.nextInt(D)] += 0.5;
      rows.add(new Example(i, x, new double[] {label}));
    }
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  private static void assertClose(double[] a, double[] b, double tolerance) {
    double scale = 1;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], tolerance * scale, "entry " + i);
    }
  }

  @Test
  void aStepGivesTheSameGradientFromDenseAndSparseBatches() {
    TrainingSet dense = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 3), K);
    TrainingSet sparse = new TrainingSet(dense.data().withSparse(true));
    double[] params = Init.HE_NORMAL.initialize(topology, 2);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    BatchSchedule schedule = new BatchSchedule(N, 16, 5);
    Dropout dropout = Dropout.uniform(topology, 0.3);
    for (int step : new int[] {0, 4, 9}) {
      GradientSum d = TrainingFixtures.stepJob(dense, topology, schedule, dropout, 7).run(bc, 1, step);
      GradientSum s = TrainingFixtures.stepJob(sparse, topology, schedule, dropout, 7).run(bc, 1, step);
      assertEquals(d.count, s.count);
      assertEquals(d.lossSum, s.lossSum, 1e-12 * Math.abs(d.lossSum));
      assertClose(d.gradient, s.gradient, 1e-12);
    }
    bc.destroy();
    dense.data().release();
  }

  @Test
  void sparseDataIsScaledWithoutCentringAndTrainsLikeDense() {
    TrainingSet dense = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 2), K);
    TrainingSet sparse = new TrainingSet(dense.data().withSparse(true));
    Scaling scaling = FeatureScaling.fit(sparse, ScalingKind.STANDARD);
    assertTrue(scaling.keepsZeros(), "no shift on sparse data");
    assertEquals(scaling, FeatureScaling.fit(sparse, ScalingKind.AUTO), "auto: values reach 3.5, so standard without "
        + "centring");
    TrainSettings s = new TrainSettings(topology, Init.HE_NORMAL, 0.1, 20, 3, 3);
    double[] a = new Trainer(sc).fit(new TrainingSet(dense.data(), scaling), null, s, Optimization.sgd(),
        new TrainingListener() { }).params();
    double[] b = new Trainer(sc).fit(new TrainingSet(sparse.data(), scaling), null, s, Optimization.sgd(),
        new TrainingListener() { }).params();
    assertClose(a, b, 1e-9);
    assertArrayEquals(b, new Trainer(sc).fit(new TrainingSet(sparse.data(), scaling), null, s, Optimization.sgd(),
        new TrainingListener() { }).params(), "sparse runs repeat bit for bit");
    dense.data().release();
  }
}
