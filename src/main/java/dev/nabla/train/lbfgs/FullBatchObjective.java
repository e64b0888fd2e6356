package dev.nabla.train.lbfgs;

import breeze.linalg.DenseVector;
import breeze.linalg.DenseVector$mcD$sp;
import breeze.optimize.DiffFunction;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Regularization;
import dev.nabla.train.Divergence;
import dev.nabla.train.DivergenceException;
import dev.nabla.train.FullBatchJob;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The function full-batch L-BFGS minimizes ({@link #asBreeze} makes it a Breeze {@link DiffFunction}):
 * <pre>
 *   f(θ)  = 1/N Σ_x C_x(θ) + λ2/2 ‖W‖²        (MEAN loss over all N training rows + L2 on weights)
 *   ∇f(θ) = 1/N Σ_x ∇C_x(θ) + λ2 W
 * </pre>
 * Each new point costs one distributed pass ({@link FullBatchJob}); the last point is remembered, so
 * Breeze's evaluation of the point its line search just accepted costs nothing (what Breeze's
 * {@code CachedDiffFunction} does for MLlib). {@link #requireFinite} turns a non-finite loss or
 * gradient at an accepted point into a {@link DivergenceException}.
 */
final class FullBatchObjective {
  private final JavaSparkContext sc;
  private final FullBatchJob job;
  private final Regularization penalty;
  private final Topology topology;
  private final int iterations;
  private int iteration;
  private int passes;
  private double[] lastPoint;
  private double lastValue;
  private double lastMeanLoss;
  private double[] lastGradient;

  FullBatchObjective(JavaSparkContext sc, FullBatchJob job, Topology topology, Regularization penalty,
      int iterations) {
    this.sc = sc;
    this.job = job;
    this.penalty = penalty;
    this.topology = topology;
    this.iterations = iterations;
  }

  /** Names the iteration whose evaluations come next (0 = the starting point), for job names and errors. */
  void startIteration(int i) {
    iteration = i;
  }

  /** How many distributed passes (evaluations at a new point) so far. */
  int passes() {
    return passes;
  }

  /** This objective as the Breeze function L-BFGS minimizes. */
  DiffFunction<DenseVector<Object>> asBreeze() {
    return BreezeFunction.of(this::calculate);
  }

  /** f(θ) and ∇f(θ): MEAN loss + penalty, and its gradient (a fresh vector Breeze may keep). */
  Tuple2<Object, DenseVector<Object>> calculate(DenseVector<Object> x) {
    evaluateAt(array(x));
    return new Tuple2<>(lastValue, vector(lastGradient.clone()));
  }

  /** The MEAN training loss 1/N Σ_x C_x at θ, penalty excluded (the last evaluation's, if at θ). */
  double meanLoss(double[] params) {
    evaluateAt(params);
    return lastMeanLoss;
  }

  /**
   * Throws a {@link DivergenceException} if the loss or gradient at θ (an iterate L-BFGS accepted, or
   * the starting point) is NaN or infinite. Trial points of the line search are not checked: Breeze
   * itself shortens a step that meets non-finite values, as it does for MLlib.
   *
   * @param iteration the iterate's number, 0 for the starting point
   */
  void requireFinite(double[] params, int iteration) {
    evaluateAt(params);
    String layer = Divergence.firstNonFinite(topology, lastGradient);
    if (!Double.isFinite(lastMeanLoss) || layer != null) {
      String at = iteration == 0 ? "the starting point" : "iteration " + iteration + "/" + iterations;
      throw new DivergenceException("L-BFGS diverged at " + at + " (distributed pass " + passes
          + "): the mean loss is " + lastMeanLoss + (layer != null ? " and the gradient of " + layer
          + " is not finite" : "") + "; try --scale standard for unscaled features, an --l2 penalty, or another --init");
    }
  }

  private void evaluateAt(double[] params) {
    if (Arrays.equals(params, lastPoint)) {
      return;
    }
    sc.setJobDescription("nabla lbfgs iteration " + iteration + "/" + iterations);
    GradientSum sum = job.evaluate(params);
    passes++;
    if (sum.count == 0) {
      throw new IllegalArgumentException("training set: no rows to train on; check the input path and filters");
    }
    double inv = 1.0 / sum.count;
    double[] gradient = new double[params.length];
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = sum.gradient[i] * inv;
    }
    double meanLoss = sum.lossSum * inv;
    penalty.addGradient(params, gradient);
    lastPoint = params.clone();
    lastMeanLoss = meanLoss;
    lastValue = meanLoss + penalty.penalty(params);
    lastGradient = gradient;
  }

  /** The entries of x as a new array (Breeze vectors may be strided views). */
  static double[] array(DenseVector<Object> x) {
    double[] out = new double[x.length()];
    double[] data = x.data$mcD$sp();
    for (int i = 0, j = x.offset(); i < out.length; i++, j += x.stride()) {
      out[i] = data[j];
    }
    return out;
  }

  /** A Breeze vector over {@code values} (no copy). */
  static DenseVector<Object> vector(double[] values) {
    return new DenseVector$mcD$sp(values);
  }
}
