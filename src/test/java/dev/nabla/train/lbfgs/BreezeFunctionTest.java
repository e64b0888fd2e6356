package dev.nabla.train.lbfgs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.LBFGS;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The Java-to-Breeze function adapter: every entry point Breeze may call reaches the Java function. */
class BreezeFunctionTest {
  private static final double[] CENTRE = {3, -1, 0.5};
  private static final double[] CURVATURE = {1, 10, 100};

  /** f(x) = ½ Σ c_i (x_i − m_i)², ∇f = c ⊙ (x − m): an ill-conditioned quadratic with minimum m. */
  private static Tuple2<Object, DenseVector<Object>> quadratic(DenseVector<Object> v) {
    double[] x = FullBatchObjective.array(v);
    double value = 0;
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - CENTRE[i];
      value += 0.5 * CURVATURE[i] * d * d;
      g[i] = CURVATURE[i] * d;
    }
    return new Tuple2<>(value, FullBatchObjective.vector(g));
  }

  @Test
  void everyEntryPointOfTheTraitReachesTheJavaFunction() {
    DiffFunction<DenseVector<Object>> f = BreezeFunction.of(BreezeFunctionTest::quadratic);
    DenseVector<Object> x = FullBatchObjective.vector(new double[] {0, 0, 0});
    double expected = 0.5 * (9 + 10 * 1 + 100 * 0.25);
    assertEquals(expected, (Double) f.calculate(x)._1(), 0.0);
    assertEquals(expected, f.valueAt(x), 0.0);
    assertArrayEquals(new double[] {-3, 10, -50}, FullBatchObjective.array(f.gradientAt(x)), 0.0);
    @SuppressWarnings("unchecked")
    scala.Function1<DenseVector<Object>, Object> generic = (scala.Function1<DenseVector<Object>, Object>) (Object) f;
    assertEquals(expected, (Double) generic.apply(x), 0.0, "Function1's generic apply");
  }

  @Test
  void breezeLbfgsMinimizesTheAdaptedFunction() {
    LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(100, 10, 1e-12, DenseVector.space_Double());
    DenseVector<Object> min = lbfgs.minimize(BreezeFunction.of(BreezeFunctionTest::quadratic),
        FullBatchObjective.vector(new double[] {0, 0, 0}));
    assertArrayEquals(CENTRE, FullBatchObjective.array(min), 1e-6);
  }

  @Test
  void readsStridedViews() {
    DenseVector<Object> everyOther = new breeze.linalg.DenseVector$mcD$sp(new double[] {9, 1, 9, 2, 9, 3}, 1, 2, 3);
    assertArrayEquals(new double[] {1, 2, 3}, FullBatchObjective.array(everyOther), 0.0);
  }
}
