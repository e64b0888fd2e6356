package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.report.Diagnostics;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.LayerHealth;
import dev.nabla.report.StepMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-layer gradient norms and saturation measured during real (local[2]) training, and the warnings. */
class HealthDiagnosticsTest extends SharedSpark {
  private TrainingSet train;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    train = TrainingFixtures.packed(sc, TrainingFixtures.blobs(600, 5, 3, 11), new int[] {250, 350}, 3);
  }

  @AfterAll
  void release() {
    train.data().release();
  }

  private static final class Recorder implements TrainingListener {
    final List<StepMetrics> steps = new ArrayList<>();
    final List<EpochMetrics> epochs = new ArrayList<>();

    @Override public void onStep(StepMetrics m) {
      steps.add(m);
    }

    @Override public void onEpoch(EpochMetrics m) {
      epochs.add(m);
    }
  }

  private Recorder run(Topology t, double[] params, double lr) {
    Recorder r = new Recorder();
    new Trainer(sc).fit(train, null, new TrainSettings(t, Init.GLOROT_UNIFORM, lr, 50, 2, 3), Optimization.sgd(), r,
        params);
    return r;
  }

  @Test
  void hugeInitialWeightsSaturateSigmoidUnitsAndTriggerTheWarning() {
    Topology t = Topology.of(new int[] {5, 32, 3}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 5);
    for (int i = 0; i < params.length; i++) {
      params[i] *= 40;
    }
    Recorder r = run(t, params, 0.1);
    LayerHealth hidden = r.epochs.get(1).layers().get(0);
    assertEquals("saturated", hidden.measure());
    assertTrue(hidden.fraction() > 0.9, "saturated fraction " + hidden.fraction());
    List<String> w = Diagnostics.warnings(r.epochs.get(1).layers());
    assertTrue(w.stream().anyMatch(s -> s.startsWith("layer 1:") && s.contains("sigmoid units saturated")), w.toString());
  }

  @Test
  void reluUnitsWithHugeNegativeBiasesAreReportedDead() {
    Topology t = Topology.of(new int[] {5, 16, 3}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.HE_NORMAL.initialize(t, 5);
    for (int i = t.biasOffset(1); i < t.biasOffset(1) + 16; i++) {
      params[i] = -1000;
    }
    Recorder r = run(t, params, 0.1);
    LayerHealth hidden = r.epochs.get(1).layers().get(0);
    assertEquals("dead", hidden.measure());
    assertEquals(1.0, hidden.fraction(), 0);
    assertEquals(0.0, hidden.gradNorm(), 0, "no gradient reaches a dead layer's weights");
    assertTrue(Diagnostics.warnings(r.epochs.get(1).layers()).get(0).contains("100% of relu units dead"));
  }

  @Test
  void healthyTanhNetworkGetsNoWarningAndEpochNormIsTheRmsOfItsStepNorms() {
    Topology t = Topology.of(new int[] {5, 16, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    Recorder r = run(t, Init.GLOROT_UNIFORM.initialize(t, 5), 0.1);
    for (EpochMetrics m : r.epochs) {
      assertEquals(List.of(), Diagnostics.warnings(m.layers()), "epoch " + m.epoch() + ": " + m.layers());
      assertTrue(m.layers().get(0).fraction() < 0.5, m.layers().toString());
    }
    assertEquals(24, r.steps.size(), "600 rows in batches of 50, 2 epochs");
    for (int e = 1; e <= 2; e++) {
      for (int l = 0; l < 2; l++) {
        double sq = 0;
        int n = 0;
        for (StepMetrics s : r.steps) {
          if (s.epoch() == e) {
            sq += s.gradNorms()[l] * s.gradNorms()[l];
            n++;
            assertEquals((e - 1) * 12L + s.step(), s.globalStep());
          }
        }
        double rms = Math.sqrt(sq / n);
        assertEquals(rms, r.epochs.get(e - 1).layers().get(l).gradNorm(), 1e-12 * rms);
        assertTrue(rms > 0);
      }
    }
  }

  @Test
  void diagnosticsOffLeavesEpochLayersEmptyButStepsKeepTheirNorms() {
    Topology t = Topology.of(new int[] {5, 4, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    Recorder r = new Recorder();
    new Trainer(sc).diagnostics(false).fit(train, null, new TrainSettings(t, Init.GLOROT_UNIFORM, 0.1, 300, 1, 3),
        Optimization.sgd(), r);
    assertEquals(List.of(), r.epochs.get(0).layers());
    assertEquals(2, r.steps.size());
    assertTrue(r.steps.get(0).gradNorms()[0] > 0);
  }

  @Test
  void probeSampleHasAtMostMaxRowsAndCoversAllRowsOfASmallSet() {
    Topology t = Topology.of(new int[] {5, 4, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    org.apache.spark.broadcast.Broadcast<double[]> bc = sc.broadcast(Init.GLOROT_UNIFORM.initialize(t, 1));
    assertEquals(600, HealthProbe.measure(train.data().groups(), TrainingFixtures.view(train), bc, t, train.rows()).samples(), "all rows of both partitions");
    bc.destroy();
    assertEquals(1, HealthProbe.stride(600));
    assertEquals(1, HealthProbe.stride(4096));
    assertEquals(2, HealthProbe.stride(4097));
    assertEquals(15, HealthProbe.stride(60000));
    assertTrue((60000 + 14) / 15 <= HealthProbe.MAX_ROWS);
  }
}
