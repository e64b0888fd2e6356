package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Network#stepSums}: a step's share written over a used buffer equals clearing it and adding the batch's SUMS
 * ({@link Network#addGradient}), plain and clipped per sample, dense and sparse; at FLOAT32 with every gradient entry
 * rounded to float32 (the precision the SUMS travel in).
 */
class StepSumsTest {
  private static final Topology NET = Topology.of(new int[] {12, 9, 7, 3}, new Sigmoid(), new Softmax(),
      Loss.CROSS_ENTROPY);
  private static final int COLS = 11;

  private static double[] x(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[12 * COLS];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(3) == 0 ? 0 : r.nextDouble(-1, 1);
    }
    return x;
  }

  private static double[] y() {
    double[] y = new double[3 * COLS];
    for (int c = 0; c < COLS; c++) {
      y[c * 3 + c % 3] = 1;
    }
    return y;
  }

  private static Inputs inputs(double[] x, boolean sparse) {
    if (!sparse) {
      return new DenseInputs(x, 12);
    }
    SparseInputs s = new SparseInputs(12);
    for (int c = 0; c < COLS; c++) {
      for (int j = 0; j < 12; j++) {
        if (x[c * 12 + j] != 0) {
          s.add(j, x[c * 12 + j]);
        }
      }
      s.endColumn();
    }
    return s;
  }

  /** clear() then addGradient / addClippedGradient, rounded to float32 at FLOAT32. */
  private static GradientSum expected(Precision p, double[] params, Inputs x, double[] y, double clip) {
    Network net = new Network(NET, p);
    GradientSum s = new GradientSum(NET.numParams());
    if (Double.isNaN(clip)) {
      net.addGradient(params, x, y, COLS, net.newWorkspace(COLS), s);
    } else {
      net.addClippedGradient(params, x, y, COLS, net.newWorkspace(COLS), s, clip, null, null);
    }
    if (p == Precision.FLOAT32) {
      Precision.roundToFloat(s.gradient);
    }
    return s;
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void writesEveryEntryOverAUsedBufferAsClearingAndAddingWould(Precision p) {
    double[] params = Init.GLOROT_UNIFORM.initialize(NET, 3);
    double[] x = x(5);
    double[] y = y();
    for (boolean sparse : new boolean[] {false, true}) {
      for (double clip : new double[] {Double.NaN, 0.05, Double.POSITIVE_INFINITY}) {
        GradientSum want = expected(p, params, inputs(x, sparse), y, clip);
        Network net = new Network(NET, p);
        Workspace ws = net.newWorkspace(COLS);
        GradientSum used = new GradientSum(NET.numParams());
        for (int pass = 0; pass < 2; pass++) { // the second pass writes over the first's SUMS, poisoned
          Arrays.fill(used.gradient, Double.NaN);
          used.lossSum = 123;
          used.count = 45;
          net.stepSums(params, inputs(x, sparse), y, COLS, ws, used, clip, null, null);
          String what = p + (sparse ? " sparse" : " dense") + " clip " + clip + " pass " + pass;
          assertArrayEquals(want.gradient, used.gradient, 0.0, what);
          assertEquals(want.lossSum, used.lossSum, 0.0, what);
          assertEquals(COLS, used.count, what);
          if (p == Precision.FLOAT32) {
            for (double g : used.gradient) {
              assertEquals((float) g, g, 0.0, what + ": not a float32 value");
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void aShareNeedsARowAndAPositiveClip(Precision p) {
    Network net = new Network(NET, p);
    double[] params = Init.GLOROT_UNIFORM.initialize(NET, 3);
    GradientSum s = new GradientSum(NET.numParams());
    Workspace ws = net.newWorkspace(COLS);
    assertThrows(IllegalArgumentException.class,
        () -> net.stepSums(params, new DenseInputs(x(5), 12), y(), 0, ws, s, Double.NaN, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> net.stepSums(params, new DenseInputs(x(5), 12), y(), COLS, ws, s, 0.0, null, null));
  }
}
