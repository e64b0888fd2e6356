package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.StepMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tree stream over seven partitions, some of them without a row in many steps (and three without any row at
 * all): whatever the fan-out (0: the star), it carries every step (one Spark job per epoch) and ends with exactly the
 * parameters and step losses of one Spark job per step, which adds the partitions' SUMS in the same tree's order.
 */
class TreeStreamTest extends SharedSpark {
  private static final Topology TOPOLOGY =
      Topology.of(new int[] {5, 9, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private static final int[] SIZES = {0, 40, 0, 30, 50, 0, 40};
  /** The same rows with partition 0, the root, holding rows (its own SUMS travel in the star, not in the tree). */
  private static final int[] ROOT_HAS_ROWS = {40, 0, 30, 0, 50, 40, 0};
  private static final int EPOCHS = 2;

  @Override protected String master() {
    return "local[" + SIZES.length + "]";
  }

  private record Run(double[] params, List<Double> losses, List<EpochMetrics> epochs) {
  }

  private Run fit(StepEngine engine, int fanout) {
    return fit(engine, fanout, Precision.FLOAT64, false);
  }

  private Run fit(StepEngine engine, int fanout, Precision precision, boolean float32Wire) {
    return fit(engine, fanout, precision, float32Wire, SIZES);
  }

  private Run fit(StepEngine engine, int fanout, Precision precision, boolean float32Wire, int[] sizes) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Example> rows = TrainingFixtures.blobs(160, 5, 3, 13);
    TrainingSet train = TrainingFixtures.packed(sc, rows, sizes, 3);
    TrainSettings s = new TrainSettings(TOPOLOGY, Init.GLOROT_UNIFORM, 0.02, 12, EPOCHS, 5,
        Dropout.uniform(TOPOLOGY, 0.1));
    List<Double> losses = new ArrayList<>();
    List<EpochMetrics> epochs = new ArrayList<>();
    try {
      TrainResult r = new Trainer(sc).stepEngine(engine).treeFanout(fanout).precision(precision)
          .float32Wire(float32Wire).diagnostics(false)
          .fit(train, null, s, Optimization.of("adam"), new TrainingListener() {
            @Override public void onStep(StepMetrics m) {
              losses.add(m.loss());
            }

            @Override public void onEpoch(EpochMetrics m) {
              epochs.add(m);
            }
          });
      return new Run(r.params(), losses, epochs);
    } finally {
      train.data().release();
    }
  }

  @ParameterizedTest(name = "fan-out {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void theTreeCarriesEveryStepAndEqualsOneJobPerStepBitForBit(int fanout) {
    Run jobs = fit(StepEngine.JOBS, fanout);
    Run tree = fit(StepEngine.STREAM, fanout);
    assertArrayEquals(jobs.params(), tree.params(), "parameters bit for bit");
    assertEquals(jobs.losses(), tree.losses(), "every step's loss bit for bit");
    int steps = tree.losses().size() / EPOCHS;
    for (EpochMetrics m : tree.epochs()) {
      assertNotNull(m.traffic(), "epoch " + m.epoch() + " streamed");
      assertEquals(steps, m.traffic().streamedSteps(), "every step of epoch " + m.epoch() + " went through the tree");
      assertEquals(0, m.traffic().maxTaskBytesPerStep(), "local mode hands references over, no bytes");
    }
    for (EpochMetrics m : jobs.epochs()) {
      assertNull(m.traffic(), "one job per step streams nothing");
    }
    assertTrue(steps >= 13, "160 rows in batches of 12: " + steps + " steps");
  }

  /**
   * Float32 products, and float32 transfer of float64 products: every engine rounds θ and each subtree's SUMS as the
   * stream does, so they still agree bit for bit; and the results differ from float64's, but not by much.
   */
  @ParameterizedTest(name = "fan-out {0}")
  @ValueSource(ints = {0, 2})
  void atFloat32EveryEngineStillGivesTheSameBits(int fanout) {
    Run f64 = fit(StepEngine.JOBS, fanout);
    for (boolean products : new boolean[] {true, false}) {
      Precision p = products ? Precision.FLOAT32 : Precision.FLOAT64;
      Run jobs = fit(StepEngine.JOBS, fanout, p, !products);
      Run tree = fit(StepEngine.STREAM, fanout, p, !products);
      Run rootJobs = fit(StepEngine.JOBS, fanout, p, !products, ROOT_HAS_ROWS);
      Run rootTree = fit(StepEngine.STREAM, fanout, p, !products, ROOT_HAS_ROWS);
      assertArrayEquals(rootJobs.params(), rootTree.params(), p + " products, the root with rows: bit for bit");
      assertEquals(rootJobs.losses(), rootTree.losses());
      assertArrayEquals(jobs.params(), tree.params(), p + " products, float32 transfer: parameters bit for bit");
      assertEquals(jobs.losses(), tree.losses());
      double worst = 0;
      for (int i = 0; i < f64.params().length; i++) {
        worst = Math.max(worst, Math.abs(f64.params()[i] - jobs.params()[i]));
      }
      assertTrue(worst > 0 && worst < 1e-3, p + ": largest parameter difference from float64 " + worst);
    }
  }

  @org.junit.jupiter.api.Test
  void theStarAddsInTheOrderOfTheTreeWithOneLevel() {
    Run star = fit(StepEngine.STREAM, 0);
    Run flat = fit(StepEngine.STREAM, SIZES.length - 1);
    assertArrayEquals(star.params(), flat.params(), "star = tree of fan-out T - 1, bit for bit");
    assertEquals(star.losses(), flat.losses());
  }
}
