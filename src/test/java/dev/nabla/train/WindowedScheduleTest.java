package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.testing.SharedSpark;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The epoch's shuffle through windows ({@link BatchSchedule} with a window smaller than the data): every row once
 * per epoch, whole chunks in windows of bounded size, at most two windows per step, the same batches whatever the
 * partitioning, and a distributed step over window plans equal to the single-process gradient of the same rows.
 */
class WindowedScheduleTest extends SharedSpark {
  private static final int N = 211;
  private static final int D = 5;
  private static final int K = 3;
  /** Windows of at least 40 rows, from chunks of 10 rows (the last of 1): 6 windows per epoch. */
  private static final long WINDOW = 40;
  private static final long CHUNK = 10;
  private final Topology topology = Topology.of(new int[] {D, 6, K}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    rows = TrainingFixtures.blobs(N, D, K, 9);
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** Chunks of {@link #CHUNK} rows covering N. */
  private static long[] chunks() {
    long[] c = new long[(int) ((N + CHUNK - 1) / CHUNK)];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.min(CHUNK, N - i * CHUNK);
    }
    return c;
  }

  private static BatchSchedule schedule(int batch, long seed) {
    return new BatchSchedule(N, batch, seed, WINDOW, chunks());
  }

  @Test
  void everyRowHasOnePositionPerEpochAndWindowsHoldWholeChunksOfBoundedRows() {
    BatchSchedule s = schedule(8, 3);
    for (int epoch = 0; epoch < 3; epoch++) {
      assertEquals(6, s.windows(epoch));
      boolean[] seen = new boolean[N];
      long[] perWindow = new long[s.windows(epoch)];
      int[] windowOfChunk = new int[chunks().length];
      java.util.Arrays.fill(windowOfChunk, -1);
      for (long k = 0; k < N; k++) {
        long pos = s.position(epoch, k);
        assertTrue(pos >= 0 && pos < N && !seen[(int) pos], "position " + pos + " of row " + k);
        seen[(int) pos] = true;
        int w = s.windowOf(epoch, k);
        assertEquals(w, s.windowOfPosition(epoch, pos), "a row's window holds its position");
        perWindow[w]++;
        int chunk = (int) (k / CHUNK);
        assertTrue(windowOfChunk[chunk] < 0 || windowOfChunk[chunk] == w, "chunk " + chunk + " split over windows");
        windowOfChunk[chunk] = w;
      }
      for (int w = 0; w < perWindow.length; w++) {
        boolean last = w == perWindow.length - 1;
        assertTrue(perWindow[w] > 0 && perWindow[w] < WINDOW + CHUNK && (last || perWindow[w] >= WINDOW),
            "window sizes " + java.util.Arrays.toString(perWindow));
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
    BatchSchedule a = schedule(8, 3);
    BatchSchedule b = schedule(8, 3);
    BatchSchedule other = schedule(8, 4);
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
    BatchSchedule wide = new BatchSchedule(N, 8, 3, 10 * N, chunks());
    Feistel f = new Feistel(N, 3);
    assertEquals(1, wide.windows(0));
    for (int k = 0; k < N; k++) {
      assertEquals(f.permute(2, k), whole.position(2, k));
      assertEquals(f.permute(2, k), wide.position(2, k));
    }
  }

  /** The single-process gradient SUM of the rows the schedule puts in (epoch, step). */
  private GradientSum singleProcess(double[] params, BatchSchedule schedule, int epoch, int step) {
    return TrainingFixtures.oneBatch(topology, TrainingFixtures.stepRows(rows, schedule, epoch, step), params);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 3, 5})
  void aWindowedEpochGivesEveryStepTheGradientOfItsRows(int partitions) {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, partitions), K);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    BatchSchedule schedule = schedule(8, 3);
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
    assertTrue(plans >= schedule.windows(1) && plans <= (long) partitions * schedule.windows(1),
        "one plan per window and partition at most: " + plans);
    bc.destroy();
    set.data().release();
  }
}
