package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributedStepTest extends SharedSpark {
  private static final int N = 211;
  private static final int D = 5;
  private static final int K = 3;
  private final Topology topology = Topology.of(new int[] {D, 7, K}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    rows = TrainingFixtures.blobs(N, D, K, 5);
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** The single-process gradient SUM of the rows the schedule puts in (epoch, step). */
  private GradientSum singleProcess(double[] params, BatchSchedule schedule, int epoch, int step) {
    return TrainingFixtures.oneBatch(topology, TrainingFixtures.stepRows(rows, schedule, epoch, step), params);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void distributedGradientEqualsSingleProcessGradient(int partitions) {
    int[] sizes = new int[partitions];
    int left = N;
    for (int p = 0; p < partitions - 1; p++) {
      sizes[p] = Math.max(1, left / (p + 2));
      left -= sizes[p];
    }
    sizes[partitions - 1] = left;
    TrainingSet set = TrainingFixtures.packed(sc, rows, sizes, K);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    BatchSchedule schedule = new BatchSchedule(N, 32, 99);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    StepJob job = TrainingFixtures.stepJob(set, topology, schedule);
    for (int step : new int[] {0, 3, schedule.stepsPerEpoch() - 1}) {
      GradientSum distributed = job.run(bc, 1, step);
      GradientSum single = singleProcess(params, schedule, 1, step);
      assertEquals(single.count, distributed.count);
      assertEquals(single.lossSum, distributed.lossSum, 1e-12 * Math.abs(single.lossSum));
      double scale = 0;
      for (double g : single.gradient) {
        scale = Math.max(scale, Math.abs(g));
      }
      for (int i = 0; i < single.gradient.length; i++) {
        assertEquals(single.gradient[i], distributed.gradient[i], 1e-12 * scale, "parameter " + i + " step " + step);
      }
    }
    bc.destroy();
    set.data().release();
  }

  @Test
  void stepsHaveNearlyEqualBatchesOfAtMostBatchSizeAndAnEpochUsesEachRowOnce() {
    BatchSchedule schedule = new BatchSchedule(N, 32, 7);
    assertEquals(7, schedule.stepsPerEpoch());
    int[] perStep = new int[schedule.stepsPerEpoch()];
    boolean[] seen = new boolean[N];
    for (long i = 0; i < N; i++) {
      long pos = schedule.position(2, i);
      assertTrue(pos >= 0 && pos < N);
      assertTrue(!seen[(int) pos], "position used twice");
      seen[(int) pos] = true;
      perStep[schedule.stepOf(2, i)]++;
    }
    // 211 rows in 7 steps: 30 or 31 rows each (not six of 32 and a last one of 19).
    int total = 0;
    for (int count : perStep) {
      assertTrue(count == 30 || count == 31, "step sizes " + java.util.Arrays.toString(perStep));
      total += count;
    }
    assertEquals(N, total);
    assertTrue(schedule.position(0, 5) != schedule.position(1, 5) || schedule.position(0, 6) != schedule.position(1, 6),
        "epochs should shuffle differently");
  }

  @Test
  void aStepReadsOnlyItsSliceAndPlansAreBuiltOncePerEpoch() {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 3), K);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    BatchSchedule schedule = new BatchSchedule(N, 16, 1);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    StepJob job = TrainingFixtures.stepJob(set, topology, schedule);
    job.run(bc, 0, 0);
    long plans = PartitionState.plansBuilt();
    long before = PartitionState.rowsGathered();
    long gathered = 0;
    for (int step = 1; step <= 4; step++) {
      GradientSum g = job.run(bc, 0, step);
      assertTrue(g.count == 15 || g.count == 16, "211 rows in 14 steps: " + g.count);
      gathered += g.count;
    }
    assertEquals(gathered, PartitionState.rowsGathered() - before, "rows read by 4 steps of batch ≤ 16");
    assertEquals(plans, PartitionState.plansBuilt(), "no plan rebuilt within the epoch");
    job.run(bc, 1, 0);
    assertEquals(plans + 3, PartitionState.plansBuilt(), "one plan per partition for the new epoch");
    bc.destroy();
    set.data().release();
  }

  private double[] train(int partitions, int epochs) {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, partitions), K);
    TrainSettings s = new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.3, 25, epochs, 11);
    double[] params = new Trainer(sc).fit(set, null, s, Optimization.sgd(), new TrainingListener() { }).params();
    set.data().release();
    return params;
  }

  @Test
  void onePartitionAndFourFollowTheSameTrajectoryAndRunsRepeatBitwise() {
    // 211 rows, batch 25: 9 steps per epoch; 6 epochs = 54 steps.
    double[] one = train(1, 6);
    double[] four = train(4, 6);
    double[] fourAgain = train(4, 6);
    for (int i = 0; i < one.length; i++) {
      assertEquals(one[i], four[i], 1e-9 * Math.max(1, Math.abs(one[i])), "parameter " + i);
    }
    assertArrayEquals(four, fourAgain, "two 4-partition runs must be bitwise identical");
  }

  @Test
  void divergenceStopsWithStepLayerAndAdvice() {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 2), K);
    Topology relu = Topology.of(new int[] {D, 7, K}, new dev.nabla.nn.Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    TrainSettings s = new TrainSettings(relu, Init.HE_NORMAL, 1e6, 25, 3, 11);
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> new Trainer(sc).fit(set, null, s, Optimization.sgd(), new TrainingListener() { }));
    assertTrue(e.getMessage().matches("training diverged at epoch [1-3]/3 step [1-9]/9: .*"), e.getMessage());
    assertTrue(e.getMessage().contains("layer"), e.getMessage());
    assertTrue(e.getMessage().contains("--learning-rate"), e.getMessage());
    set.data().release();
  }
}
