package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Identity;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Split;
import dev.nabla.testing.SharedSpark;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/**
 * Local mode's per-epoch validation in the driver's JVM gives the evaluation job's metrics bit for bit, at both
 * precisions, whichever thread runs which partition and in whatever order (merged in partition order, as the job's).
 */
class LocalValidationTest extends SharedSpark {
  /** Runs the partitions on another thread, last first: what a lent stream thread may do. */
  private static final Split REVERSED_ELSEWHERE = (n, body) -> {
    Thread t = new Thread(() -> {
      for (int i = n - 1; i >= 0; i--) {
        body.run(i, i + 1);
      }
    });
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  };

  private void assertSameAsTheJob(TrainingSet set, Topology t, Precision precision) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    double[] params = Init.GLOROT_UNIFORM.initialize(t, 5);
    Broadcast<DataView> view = sc.broadcast(set.view("local-validation-test"));
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      Map<String, Double> job = Evaluation.summary(set, view, bc, t, precision);
      LocalValidation local = LocalValidation.handOver(sc, set, view.value());
      assertEquals(3, local.partitions());
      assertEquals(job, local.summary(params, t, precision, Split.SERIAL), "in order, on the driver");
      assertEquals(job, local.summary(params, t, precision, REVERSED_ELSEWHERE), "reversed, on another thread");
      assertTrue(job.get("loss") > 0, job.toString());
    } finally {
      bc.destroy();
      view.destroy();
      set.data().release();
    }
  }

  @Test
  void classificationMetricsAreTheEvaluationJobsAtBothPrecisions() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Topology t = Topology.of(new int[] {5, 16, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    for (Precision p : Precision.values()) {
      assertSameAsTheJob(TrainingFixtures.packed(sc, TrainingFixtures.blobs(301, 5, 3, 7),
          new int[] {100, 150, 51}, 3), t, p);
    }
  }

  @Test
  void regressionMetricsAreTheEvaluationJobsAtBothPrecisions() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Topology t = Topology.of(new int[] {6, 16, 1}, new Relu(), new Identity(), Loss.QUADRATIC);
    for (Precision p : Precision.values()) {
      assertSameAsTheJob(TrainingFixtures.packed(sc, TrainingFixtures.diabetesLike(250, 6, 3),
          new int[] {90, 60, 100}, 1, false), t, p);
    }
  }
}
