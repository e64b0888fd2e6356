package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The epoch's shuffle through windows ({@link BatchSchedule} with a window smaller than the data): every row once
 * per epoch, windows of bounded size, at most two windows per step, the same batches whatever the partitioning,
 * and a distributed step over window plans equal to the single-process gradient of the same rows.
 */
class WindowedScheduleTest extends SharedSpark {
  private static final int N = 211;
  private static final int D = 5;
  private static final int K = 3;
  /** 40 rows a window: 16 chunks of 2 rows, 106 chunks, 7 windows. */
  private static final long WINDOW = 40;
  private final Topology topology = Topology.of(new int[] {D, 6, K}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    rows = TrainingFixtures.blobs(N, D, K, 9);
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @Test
  void everyRowHasOnePositionPerEpochAndWindowsHoldAtMostTheirRows() {
    BatchSchedule s = new BatchSchedule(N, 8, 3, WINDOW);
    assertEquals(7, s.windows());
    for (int epoch = 0; epoch < 3; epoch++) {
      boolean[] seen = new boolean[N];
      long[] perWindow = new long[s.windows()];
      for (long k = 0; k < N; k++) {
        long pos = s.position(epoch, k);
        assertTrue(pos >= 0 && pos < N && !seen[(int) pos], "position " + pos + " of row " + k);
        seen[(int) pos] = true;
        int w = s.windowOf(epoch, k);
        assertEquals(w, s.windowOfPosition(epoch, pos), "a row's window holds its position");
        perWindow[w]++;
      }
      for (long c : perWindow) {
        assertTrue(c > 0 && c <= WINDOW, "window sizes " + java.util.Arrays.toString(perWindow));
      }
      for (int step = 0; step < s.stepsPerEpoch(); step++) {
        int first = s.windowOfPosition(epoch, s.stepStart(step));
        int last = s.windowOfPosition(epoch, s.stepStart(step + 1) - 1);
        assertTrue(last - first <= 1, "step " + step + " spans windows " + first + ".." + last);
      }
    }
  }

  @Test
  void theOrderDependsOnlyOnTheSeedAndTheEpoch() {
    BatchSchedule a = new BatchSchedule(N, 8, 3, WINDOW);
    BatchSchedule b = new BatchSchedule(N, 8, 3, WINDOW);
    BatchSchedule other = new BatchSchedule(N, 8, 4, WINDOW);
    long[] first = new long[N];
    boolean sameAsOtherSeed = true;
    boolean sameAsNextEpoch = true;
    for (int k = 0; k < N; k++) {
      first[k] = a.position(1, k);
      assertEquals(first[k], b.position(1, k));
      sameAsOtherSeed &= first[k] == other.position(1, k);
      sameAsNextEpoch &= first[k] == a.position(2, k);
    }
    assertTrue(!sameAsOtherSeed && !sameAsNextEpoch, "another seed or epoch reorders the rows");
  }

  @Test
  void oneWindowIsOnePermutationOfAllRows() {
    BatchSchedule whole = new BatchSchedule(N, 8, 3);
    BatchSchedule wide = new BatchSchedule(N, 8, 3, 10 * N);
    Feistel f = new Feistel(N, 3);
    assertEquals(1, wide.windows());
    for (int k = 0; k < N; k++) {
      assertEquals(f.permute(2, k), whole.position(2, k));
      assertEquals(f.permute(2, k), wide.position(2, k));
    }
  }

  /** The single-process gradient SUM of the rows the schedule puts in (epoch, step). */
  private GradientSum singleProcess(double[] params, BatchSchedule schedule, int epoch, int step) {
    List<Example> batch = new ArrayList<>();
    for (Example e : rows) {
      if (schedule.stepOf(epoch, e.index()) == step) {
        batch.add(e);
      }
    }
    double[] x = new double[D * batch.size()];
    double[] y = new double[K * batch.size()];
    for (int c = 0; c < batch.size(); c++) {
      System.arraycopy(batch.get(c).features(), 0, x, c * D, D);
      y[c * K + (int) batch.get(c).target()[0]] = 1;
    }
    return new Network(topology).gradientSum(params, x, y, batch.size());
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 5})
  void aWindowedEpochGivesEveryStepTheGradientOfItsRows(int partitions) {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, partitions), K);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    BatchSchedule schedule = new BatchSchedule(N, 8, 3, WINDOW);
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    StepJob job = TrainingFixtures.stepJob(set, topology, schedule);
    long plansBefore = PartitionState.plansBuilt();
    long rowsBefore = PartitionState.rowsGathered();
    long rowsRead = 0;
    for (int step = 0; step < schedule.stepsPerEpoch(); step++) {
      GradientSum distributed = job.run(bc, 1, step);
      GradientSum single = singleProcess(params, schedule, 1, step);
      assertEquals(single.count, distributed.count, "step " + step);
      rowsRead += distributed.count;
      double scale = 1;
      for (double g : single.gradient) {
        scale = Math.max(scale, Math.abs(g));
      }
      for (int i = 0; i < single.gradient.length; i++) {
        assertEquals(single.gradient[i], distributed.gradient[i], 1e-12 * scale, "parameter " + i + " step " + step);
      }
    }
    assertEquals(N, rowsRead, "an epoch reads every row once");
    assertEquals(N, PartitionState.rowsGathered() - rowsBefore);
    long plans = PartitionState.plansBuilt() - plansBefore;
    assertTrue(plans >= schedule.windows() && plans <= (long) partitions * schedule.windows(),
        "one plan per window and partition at most: " + plans);
    bc.destroy();
    set.data().release();
  }
}
