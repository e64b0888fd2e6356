package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Split;
import dev.nabla.train.stream.StepSums;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The driver's update: run through a split (the new parameters checked range by range as they are written) it gives
 * the serial update's bits, and parameters that overflow stop the run with the layer named, either way.
 */
class StepUpdateTest {
  /** 40,804 parameters: five blocks of the update, layer 1's weights across four of them. */
  private final Topology t = Topology.of(new int[] {200, 200, 4}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);

  /** Ranges of 2 blocks, in reverse order, on this thread. */
  private static final Split REVERSED = (n, body) -> {
    for (int from = (n - 1) / 2 * 2; from >= 0; from -= 2) {
      body.run(from, Math.min(n, from + 2));
    }
  };

  private StepUpdate update(String optimizer, double rate) {
    return new StepUpdate(t, Optimization.of(optimizer).start(t, rate, 10, 20), new Divergence(t, 2, 10, rate), null);
  }

  private GradientSum sum(double scale) {
    GradientSum s = new GradientSum(t.numParams());
    for (int i = 0; i < s.gradient.length; i++) {
      s.gradient[i] = scale * Math.sin(i * 0.7);
    }
    s.lossSum = 3;
    s.count = 8;
    return s;
  }

  @Test
  void aSplitUpdateEqualsTheSerialOne() {
    for (String optimizer : new String[] {"sgd", "adam", "rmsprop"}) {
      StepUpdate serial = update(optimizer, 0.01);
      StepUpdate split = update(optimizer, 0.01);
      double[] a = new double[t.numParams()];
      double[] b = new double[t.numParams()];
      for (int step = 1; step <= 3; step++) {
        double[] na = serial.apply(sum(step), 8, a, 1, step, step - 1);
        double[] nb = split.apply(StepSums.of(sum(step)), 8, b, 1, step, step - 1, REVERSED);
        assertArrayEquals(a, b, 0.0, optimizer + " step " + step);
        assertArrayEquals(na, nb, 0.0, optimizer + " norms, step " + step);
      }
    }
  }

  /**
   * The one pass is the optimizer's own update on the mean gradient SUM / divisor, and its norms are the mean's
   * weightNorms, bit for bit, however the blocks are split.
   */
  @Test
  void theOnePassIsTheOptimizersUpdateOnTheMean() {
    for (String optimizer : new String[] {"sgd", "adam", "momentum"}) {
      for (Split split : new Split[] {Split.SERIAL, REVERSED}) {
        StepUpdate u = update(optimizer, 0.01);
        Optimization.Run own = Optimization.of(optimizer).start(t, 0.01, 10, 20);
        double[] a = new double[t.numParams()];
        double[] b = new double[t.numParams()];
        for (int step = 1; step <= 3; step++) {
          double[] norms = u.apply(StepSums.of(sum(step)), 8, a, 1, step, step - 1, split);
          double[] mean = sum(step).gradient;
          for (int i = 0; i < mean.length; i++) {
            mean[i] *= 1.0 / 8;
          }
          own.optimizer().step(b, mean, own.schedule().rate(own.optimizer().steps()));
          assertArrayEquals(b, a, 0.0, optimizer + " step " + step);
          assertArrayEquals(dev.nabla.nn.LayerNorms.weightNorms(t, mean), norms, 0.0, optimizer + " norms");
        }
      }
    }
  }

  @Test
  void aNonFiniteGradientInTheOnePassStopsTheRunNamingItsLayer() {
    for (Split split : new Split[] {Split.SERIAL, REVERSED}) {
      GradientSum s = sum(1);
      s.gradient[t.weightOffset(1) + 30_000] = Double.NaN; // the fourth block
      DivergenceException e = assertThrows(DivergenceException.class,
          () -> update("adam", 0.01).apply(StepSums.of(s), 8, new double[t.numParams()], 1, 2, 1, split));
      assertTrue(e.getMessage().contains("the gradient of layer 1 (W) is not finite"), e.getMessage());
    }
  }

  @Test
  void parametersThatOverflowStopTheRunWhicheverWayTheUpdateRan() {
    for (Split split : new Split[] {Split.SERIAL, REVERSED}) {
      double[] params = new double[t.numParams()];
      Arrays.fill(params, 1e300);
      StepUpdate u = update("sgd", 1e10);
      DivergenceException e = assertThrows(DivergenceException.class,
          () -> u.apply(StepSums.of(sum(-1e299)), 1, params, 1, 1, 0, split));
      assertTrue(e.getMessage().contains("overflowed in the update"), e.getMessage());
      assertTrue(e.getMessage().contains("layer 1 (W)"), e.getMessage());
    }
  }
}
