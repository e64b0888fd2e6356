package dev.nabla.train.lbfgs;

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
import dev.nabla.train.FullBatchJob;
import dev.nabla.train.TrainingFixtures;
import dev.nabla.train.TrainingSet;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The function full-batch L-BFGS minimizes: the mean loss plus the L2 penalty, with its gradient. */
class FullBatchObjectiveTest extends SharedSpark {
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

  /**
   * f = mean loss + λ2/2 ‖W‖² and ∇f agree with central differences of f, on weights and biases of both
   * layers (biases carry no penalty), and f − λ2/2 ‖W‖² is the single-process mean loss.
   */
  @Test
  void objectiveIsMeanLossPlusWeightPenaltyWithMatchingGradient() {
    TrainingSet set = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(N, 3), K);
    double l2 = 0.3;
    FullBatchObjective f = new FullBatchObjective(sc, FullBatchJob.of(set, topology), topology,
        dev.nabla.optim.Regularization.of(topology, 0, l2), 1);
    double[] params = Init.GLOROT_UNIFORM.initialize(topology, 8);
    double squares = 0;
    for (int l = 1; l <= topology.numLayers(); l++) {
      for (int i = topology.weightOffset(l); i < topology.biasOffset(l); i++) {
        squares += params[i] * params[i];
      }
    }
    scala.Tuple2<Object, breeze.linalg.DenseVector<Object>> at = f.calculate(FullBatchObjective.vector(params.clone()));
    double value = (Double) at._1();
    double[] gradient = FullBatchObjective.array(at._2());
    double meanLoss = singleProcess(params).lossSum / N;
    assertEquals(meanLoss + l2 / 2 * squares, value, 1e-12 * value);
    assertEquals(meanLoss, f.meanLoss(params), 1e-12 * meanLoss);
    int[] probes = {topology.weightOffset(1) + 4, topology.biasOffset(1) + 2, topology.weightOffset(2) + 5,
        topology.biasOffset(2) + 1};
    double h = 1e-5;
    for (int i : probes) {
      double[] plus = params.clone();
      double[] minus = params.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric = ((Double) f.calculate(FullBatchObjective.vector(plus))._1()
          - (Double) f.calculate(FullBatchObjective.vector(minus))._1()) / (2 * h);
      double error = Math.abs(numeric - gradient[i]) / Math.max(Math.abs(numeric) + Math.abs(gradient[i]), 1e-8);
      assertTrue(error < 1e-7, "parameter " + i + ": analytic " + gradient[i] + ", numeric " + numeric);
    }
    set.data().release();
  }

}
