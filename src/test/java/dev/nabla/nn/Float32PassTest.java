package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A FLOAT32 pass (sgemm on float32 copies, element-wise math in float64) gives the FLOAT64 pass's gradient to within
 * float32's rounding, repeats bit for bit, and is a function of θ rounded to float32 only.
 */
class Float32PassTest {
  private static final Topology NET = Topology.of(new int[] {30, 40, 20, 5}, new Relu(), new Softmax(),
      Loss.CROSS_ENTROPY);

  private static double[][] batch(int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[30 * cols];
    double[] y = new double[5 * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble(-1, 1);
    }
    for (int c = 0; c < cols; c++) {
      y[c * 5 + r.nextInt(5)] = 1;
    }
    return new double[][] {x, y};
  }

  private static GradientSum sum(Precision p, double[] params, double[][] xy, int cols) {
    Network net = new Network(NET, p);
    GradientSum s = new GradientSum(NET.numParams());
    net.addGradient(params, xy[0], xy[1], cols, net.newWorkspace(cols), s);
    return s;
  }

  /**
   * The bound: float32 keeps 24 bits (relative rounding 6e-8); a product of k = 40 terms accumulated in float32 errs by
   * at most about k·6e-8 ≈ 2.4e-6 of the sum of magnitudes, compounded over two layers of back-propagation. Measured:
   * largest error 2e-6 of the largest gradient entry; asserted: 2e-5.
   */
  @Test
  void theFloat32GradientIsTheFloat64GradientWithinFloat32Rounding() {
    for (long seed = 1; seed <= 5; seed++) {
      double[] params = Init.HE_NORMAL.initialize(NET, seed);
      double[][] xy = batch(64, seed + 10);
      GradientSum f64 = sum(Precision.FLOAT64, params, xy, 64);
      GradientSum f32 = sum(Precision.FLOAT32, params, xy, 64);
      double scale = 0;
      double worst = 0;
      for (int i = 0; i < f64.gradient.length; i++) {
        scale = Math.max(scale, Math.abs(f64.gradient[i]));
      }
      for (int i = 0; i < f64.gradient.length; i++) {
        worst = Math.max(worst, Math.abs(f64.gradient[i] - f32.gradient[i]) / scale);
      }
      assertTrue(worst < 2e-5, "seed " + seed + ": largest relative error " + worst);
      assertTrue(worst > 0, "float32 must actually round something");
      assertEquals(f64.lossSum, f32.lossSum, 1e-5 * f64.lossSum);
      assertEquals(64, f32.count);
    }
  }

  @Test
  void aFloat32PassRepeatsBitForBitAndSeesOnlyTheRoundedParameters() {
    double[] params = Init.HE_NORMAL.initialize(NET, 3);
    double[][] xy = batch(33, 4);
    GradientSum a = sum(Precision.FLOAT32, params, xy, 33);
    GradientSum b = sum(Precision.FLOAT32, params, xy, 33);
    assertArrayEquals(a.gradient, b.gradient);
    double[] rounded = params.clone();
    Precision.roundToFloat(rounded);
    assertArrayEquals(a.gradient, sum(Precision.FLOAT32, rounded, xy, 33).gradient,
        "θ and θ rounded to float32 give the same pass");
  }

  @Test
  void sparseInputsAtFloat32MatchDenseInputsAtFloat32() {
    double[] params = Init.HE_NORMAL.initialize(NET, 7);
    SplittableRandom r = new SplittableRandom(8);
    int cols = 20;
    double[] x = new double[30 * cols];
    SparseInputs sparse = new SparseInputs(30);
    for (int c = 0; c < cols; c++) {
      for (int j = 0; j < 30; j += 1 + r.nextInt(6)) {
        x[c * 30 + j] = r.nextDouble(-1, 1);
        sparse.add(j, x[c * 30 + j]);
      }
      sparse.endColumn();
    }
    double[] y = batch(cols, 9)[1];
    Network net = new Network(NET, Precision.FLOAT32);
    GradientSum dense = new GradientSum(NET.numParams());
    net.addGradient(params, x, y, cols, net.newWorkspace(cols), dense);
    GradientSum sp = new GradientSum(NET.numParams());
    net.addGradient(params, sparse, y, cols, net.newWorkspace(cols), sp);
    double scale = 0;
    for (double g : dense.gradient) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (int i = 0; i < dense.gradient.length; i++) {
      assertEquals(dense.gradient[i], sp.gradient[i], 2e-5 * scale, "entry " + i);
    }
  }
}
