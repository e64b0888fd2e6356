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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/**
 * Local mode's per-epoch validation in the driver's JVM (while the step stream holds the slots) gives the evaluation
 * job's metrics bit for bit, at both precisions, whichever thread runs which partition and in whatever order (merged in
 * partition order, as the job's).
 */
class EvaluationInThisJvmTest extends SharedSpark {
  /** The waiting task's context and the latch that ends it. */
  private static final AtomicReference<TaskContext> CONTEXT = new AtomicReference<>();
  private static final AtomicReference<CountDownLatch> DONE = new AtomicReference<>();

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
    // A task that waits, as the stream's root task does, lending its live context to this (the driver's) thread.
    CONTEXT.set(null);
    CountDownLatch done = new CountDownLatch(1);
    DONE.set(done);
    JavaFutureAction<Void> waiting = sc.parallelize(List.of(1), 1).foreachAsync(x -> {
      CONTEXT.set(TaskContext.get());
      DONE.get().await(60, TimeUnit.SECONDS);
    });
    try {
      Map<String, Double> job = Evaluation.summary(set, view, bc, t, precision);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (CONTEXT.get() == null && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      TaskContext context = CONTEXT.get();
      assertTrue(context != null && !context.isCompleted(), "a live task's context");
      assertEquals(job, Evaluation.summary(set, view.value(), params, t, precision, Split.SERIAL, context),
          "in order, on the driver's thread");
      assertEquals(job, Evaluation.summary(set, view.value(), params, t, precision, REVERSED_ELSEWHERE, context),
          "reversed, on another thread");
      assertTrue(job.get("loss") > 0, job.toString());
    } finally {
      done.countDown();
      waiting.cancel(true);
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
