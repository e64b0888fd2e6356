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
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The full-batch pass of L-BFGS: one Spark job over all rows, equal to one single-process batch. */
class FullBatchJobTest extends SharedSpark {
  private static final int N = 211;
  private static final int D = 5;
  private static final int K = 3;
  private final Topology topology = Topology.of(new int[] {D, 7, K}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private List<Example> rows;
  private JavaSparkContext sc;

  @BeforeAll
  void data() {
    rows = TrainingFixtures.blobs(N, D, K, 17);
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** Network.gradientSum over all N rows as one batch matrix, in one process. */
  private GradientSum singleProcess(double[] params) {
    return TrainingFixtures.oneBatch(topology, rows, params);
  }

  private GradientSum distributed(TrainingSet set, double[] params, int chunk, String runId) {
    Broadcast<byte[]> bc = sc.broadcast(StepJob.encodeParams(params));
    try {
      return new FullBatchJob(set.data().groups(), TrainingFixtures.view(set), topology, chunk).run(bc);
    } finally {
      bc.destroy();
    }
  }

  @ParameterizedTest(name = "{0} partitions, chunks of {1}")
  @CsvSource({"1, 1024", "3, 1024", "1, 50", "3, 16"})
  void fullBatchGradientEqualsSingleProcessGradient(int partitions, int chunk) {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, partitions), K);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 3);
    GradientSum single = singleProcess(params);
    GradientSum full = distributed(set, params, chunk, "full" + partitions + "/" + chunk);
    assertEquals(N, full.count);
    assertEquals(single.lossSum, full.lossSum, 1e-12 * Math.abs(single.lossSum));
    for (int i = 0; i < single.gradient.length; i++) {
      assertEquals(single.gradient[i], full.gradient[i], 1e-12 * Math.abs(single.gradient[i]), "parameter " + i);
    }
    set.data().release();
  }

  @Test
  void aSecondPassAtOtherParametersReusesNoStaleSums() {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 3), K);
    double[] first = Init.GLOROT_UNIFORM.initialize(topology, 3);
    double[] second = Init.GLOROT_UNIFORM.initialize(topology, 4);
    Broadcast<byte[]> a = sc.broadcast(StepJob.encodeParams(first));
    Broadcast<byte[]> b = sc.broadcast(StepJob.encodeParams(second));
    FullBatchJob job = new FullBatchJob(set.data().groups(), TrainingFixtures.view(set), topology);
    job.run(a);
    GradientSum again = job.run(b);
    GradientSum expected = singleProcess(second);
    assertEquals(N, again.count);
    assertEquals(expected.lossSum, again.lossSum, 1e-12 * Math.abs(expected.lossSum));
    for (int i = 0; i < expected.gradient.length; i++) {
      assertEquals(expected.gradient[i], again.gradient[i], 1e-12 * Math.abs(expected.gradient[i]), "parameter " + i);
    }
    a.destroy();
    b.destroy();
    set.data().release();
  }
}
