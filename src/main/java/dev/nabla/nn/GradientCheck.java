package dev.nabla.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks backprop's gradient against central finite differences of the loss, in double precision.
 *
 * <p>Numerical derivative: the five-point stencil
 * (−C(θ+2h) + 8C(θ+h) − 8C(θ−h) + C(θ−2h)) / 12h with h = 1e-4 · max(1, |θ|), whose truncation error
 * is O(h⁴). The error of one parameter is |g − n| / max(|g| + |n|, {@link #ABSOLUTE_FLOOR}), so that
 * gradients near zero are compared absolutely. For ReLU-type layers, a parameter whose perturbation
 * moves some z across the kink at 0 has no derivative there to compare; it is counted in
 * {@link Result#skippedAtKinks()} rather than compared.
 */
public final class GradientCheck {
  /** The tolerance on the largest relative error used when none is given. */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /**
   * Below this |g| + |n| the error is taken as absolute: with the default tolerance a near-zero gradient
   * must match to 1e-10, about 100× the rounding noise of the loss differences (measured ≤ 6e-12).
   */
  public static final double ABSOLUTE_FLOOR = 1e-4;
  private static final double STEP = 1e-4;

  /** The largest error over W^l and over b^l of one layer. */
  public record LayerError(int layer, double weightError, double biasError) {
  }

  /** Per-layer errors, the overall maximum, and how many parameters were skipped at ReLU kinks. */
  public record Result(List<LayerError> layers, double maxError, int skippedAtKinks) {
  }

  private GradientCheck() {
  }

  /**
   * Compares backprop's gradient SUM with the numerical derivative of the loss SUM over a batch.
   *
   * @param x inputs, n_0 × cols column-major
   * @param y targets, n_L × cols column-major
   */
  public static Result check(Topology t, double[] params, double[] x, double[] y, int cols) {
    return check(t, params, x, y, cols, null, null);
  }

  /**
   * As {@link #check(Topology, double[], double[], double[], int)}, over dense or sparse inputs.
   *
   * @param x inputs with n_0 rows and at least cols columns
   */
  public static Result check(Topology t, double[] params, Inputs x, double[] y, int cols) {
    return check(t, params, x, y, cols, null, null);
  }

  /**
   * The same check with dropout masks held fixed (the same column seeds for every evaluation), so the
   * loss is a deterministic function of θ again and its derivative is what backprop must return.
   */
  public static Result check(Topology t, double[] params, double[] x, double[] y, int cols, Dropout dropout,
      long[] columnSeeds) {
    return check(t, params, new DenseInputs(x, t.inputSize()), y, cols, dropout, columnSeeds);
  }

  /** As {@link #check(Topology, double[], double[], double[], int, Dropout, long[])}, over dense or sparse inputs. */
  public static Result check(Topology t, double[] params, Inputs x, double[] y, int cols, Dropout dropout,
      long[] columnSeeds) {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(cols);
    GradientSum analytic = new GradientSum(t.numParams());
    net.addGradient(params, x, y, cols, ws, analytic, dropout, columnSeeds);
    Loss loss = (theta, i, dh) -> {
      double saved = theta[i];
      theta[i] = saved + dh;
      net.forward(theta, x, cols, ws, dropout, columnSeeds);
      double c = net.lossSum(y, cols, ws);
      theta[i] = saved;
      return c;
    };

    double[] theta = params.clone();
    boolean smooth = isSmooth(t);
    List<LayerError> layers = new ArrayList<>();
    double max = 0;
    int skipped = 0;
    for (int l = 1; l <= t.numLayers(); l++) {
      double wErr = 0;
      double bErr = 0;
      int end = t.biasOffset(l) + t.size(l);
      for (int i = t.weightOffset(l); i < end; i++) {
        double h = STEP * Math.max(1.0, Math.abs(params[i]));
        if (!smooth && crossesKink(net, theta, i, h, x, cols, ws, dropout, columnSeeds)) {
          skipped++;
          continue;
        }
        double numeric = (-loss.at(theta, i, 2 * h) + 8 * loss.at(theta, i, h) - 8 * loss.at(theta, i, -h)
            + loss.at(theta, i, -2 * h)) / (12 * h);
        double g = analytic.gradient[i];
        double err = Math.abs(g - numeric) / Math.max(Math.abs(g) + Math.abs(numeric), ABSOLUTE_FLOOR);
        if (Double.isNaN(err)) {
          err = Double.POSITIVE_INFINITY;
        }
        if (i < t.biasOffset(l)) {
          wErr = Math.max(wErr, err);
        } else {
          bErr = Math.max(bErr, err);
        }
      }
      layers.add(new LayerError(l, wErr, bErr));
      max = Math.max(max, Math.max(wErr, bErr));
    }
    return new Result(layers, max, skipped);
  }

  /**
   * A random batch for a gradient check: inputs ~ N(0, 1) and targets valid for the loss (one-hot for
   * cross-entropy, 0/1 for binary cross-entropy, U(0, 1) for quadratic).
   *
   * @return {x, y}
   */
  public static double[][] randomBatch(Topology t, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[t.inputSize() * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    int out = t.outputSize();
    double[] y = new double[out * cols];
    for (int c = 0; c < cols; c++) {
      switch (t.loss()) {
        case CROSS_ENTROPY:
          y[c * out + rng.nextInt(out)] = 1.0;
          break;
        case BINARY_CROSS_ENTROPY:
          for (int r = 0; r < out; r++) {
            y[c * out + r] = rng.nextInt(2);
          }
          break;
        default:
          for (int r = 0; r < out; r++) {
            y[c * out + r] = rng.nextDouble();
          }
      }
    }
    return new double[][] {x, y};
  }

  /** The loss SUM with parameter i moved by dh. */
  private interface Loss {
    double at(double[] theta, int i, double dh);
  }

  private static boolean isSmooth(Topology t) {
    for (int l = 1; l <= t.numLayers(); l++) {
      if (!t.activation(l).isSmooth()) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when moving θ_i over [−2h, 2h] flips the sign of some z in a layer with a kink, in the network
   * the loss is taken of (with the same dropout masks).
   */
  private static boolean crossesKink(Network net, double[] theta, int i, double h, Inputs x, int cols,
      Workspace ws, Dropout dropout, long[] columnSeeds) {
    Topology t = net.topology();
    double saved = theta[i];
    theta[i] = saved - 2 * h;
    boolean[][] low = signs(net, theta, x, cols, ws, dropout, columnSeeds);
    theta[i] = saved + 2 * h;
    boolean[][] high = signs(net, theta, x, cols, ws, dropout, columnSeeds);
    theta[i] = saved;
    for (int l = 1; l <= t.numLayers(); l++) {
      if (low[l] != null && !java.util.Arrays.equals(low[l], high[l])) {
        return true;
      }
    }
    return false;
  }

  private static boolean[][] signs(Network net, double[] theta, Inputs x, int cols, Workspace ws, Dropout dropout,
      long[] columnSeeds) {
    Topology t = net.topology();
    net.forward(theta, x, cols, ws, dropout, columnSeeds);
    boolean[][] s = new boolean[t.numLayers() + 1][];
    for (int l = 1; l <= t.numLayers(); l++) {
      if (!t.activation(l).isSmooth()) {
        int n = t.size(l) * cols;
        s[l] = new boolean[n];
        double[] z = ws.z[l];
        for (int k = 0; k < n; k++) {
          s[l][k] = z[k] > 0;
        }
      }
    }
    return s;
  }
}
