package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/** Dropout across partitions, and early stopping. */
class TrainControlTest extends SharedSpark {
  private final Topology topology = Topology.of(new int[] {5, 12, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);

  @Test
  void dropoutGradientDoesNotDependOnPartitioning() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Example> rows = TrainingFixtures.blobs(120, 5, 3, 2);
    BatchSchedule schedule = new BatchSchedule(120, 40, 3);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 4);
    Dropout dropout = Dropout.uniform(topology, 0.5);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    GradientSum[] sums = new GradientSum[2];
    int[][] layouts = {{120}, {17, 60, 43}};
    for (int i = 0; i < 2; i++) {
      TrainingSet set = TrainingFixtures.packed(sc, rows, layouts[i], 3);
      sums[i] = TrainingFixtures.stepJob(set, topology, schedule, dropout, 99).run(bc, 1, 2);
      set.data().release();
    }
    GradientSum plain = TrainingFixtures.stepJob(TrainingFixtures.packed(sc, rows, layouts[0], 3), topology, schedule)
        .run(bc, 1, 2);
    bc.destroy();
    assertEquals(sums[0].count, sums[1].count);
    double diffToPlain = 0;
    for (int i = 0; i < params.length; i++) {
      assertEquals(sums[0].gradient[i], sums[1].gradient[i], 1e-12 * (1 + Math.abs(sums[0].gradient[i])));
      diffToPlain = Math.max(diffToPlain, Math.abs(sums[0].gradient[i] - plain.gradient[i]));
    }
    assertTrue(diffToPlain > 1e-3, "dropout should change the gradient");
  }

  @Test
  void earlyStoppingKeepsTheBestEpochsParameters() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Few, overlapping training rows and a big learning rate: validation loss soon rises (overfitting).
    List<Example> trainRows = TrainingFixtures.noisyBlobs(40, 5, 3, 7, 0.3);
    List<Example> valRows = TrainingFixtures.noisyBlobs(300, 5, 3, 8, 0.3);
    TrainingSet train = TrainingFixtures.packed(sc, trainRows, TrainingFixtures.even(40, 2), 3);
    TrainingSet val = TrainingFixtures.packed(sc, valRows, TrainingFixtures.even(300, 2), 3);
    Topology big = Topology.of(new int[] {5, 64, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
    TrainSettings s = new TrainSettings(big, Init.GLOROT_UNIFORM, 0.5, 8, 300, 5);
    TrainResult stopped = new Trainer(sc).earlyStopping(new EarlyStopping("loss", 5, 0))
        .fit(train, val, s, Optimization.sgd(), new TrainingListener() { });

    List<EpochMetrics> h = stopped.history();
    assertTrue(h.size() < 300, "validation loss never rose; the test needs an overfitting setup");
    int argmin = 1;
    for (EpochMetrics m : h) {
      if (m.validationMetric("loss") < h.get(argmin - 1).validationMetric("loss")) {
        argmin = m.epoch();
      }
    }
    assertEquals(argmin, stopped.keptEpoch());
    assertEquals(stopped.keptEpoch() + 5, h.size(), "stops after 5 epochs without improvement");

    TrainSettings upToBest = new TrainSettings(big, Init.GLOROT_UNIFORM, 0.5, 8, stopped.keptEpoch(), 5);
    TrainResult replay = new Trainer(sc).fit(train, val, upToBest, Optimization.sgd(), new TrainingListener() { });
    assertArrayEquals(replay.params(), stopped.params(), "kept parameters must be those of the best epoch");
    train.data().release();
    val.data().release();
  }
}
