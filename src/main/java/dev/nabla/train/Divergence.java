package dev.nabla.train;

import dev.nabla.nn.Topology;

/** Finds non-finite values after a step and says where, so that a diverging run stops with advice. */
final class Divergence {
  private Divergence() {
  }

  /**
   * @throws DivergenceException when the loss sum, the gradient or the parameters hold NaN or ±∞
   */
  static void check(Topology t, double lossSum, double[] gradient, double[] params, int epoch, int epochs,
      int step, int steps, double learningRate) {
    String where = "epoch " + epoch + "/" + epochs + " step " + step + "/" + steps;
    String advice = "; try a lower --learning-rate (now " + learningRate
        + "), another --init, or --scale standard for unscaled features";
    if (!Double.isFinite(lossSum)) {
      throw new DivergenceException("training diverged at " + where + ": the loss is " + lossSum
          + firstBad(t, gradient, " (gradient", ")") + advice);
    }
    String g = firstBad(t, gradient, "", "");
    if (!g.isEmpty()) {
      throw new DivergenceException("training diverged at " + where + ": the gradient" + g + " is not finite"
          + advice);
    }
    String p = firstBad(t, params, "", "");
    if (!p.isEmpty()) {
      throw new DivergenceException("training diverged at " + where + ": the parameters" + p
          + " overflowed after the update" + advice);
    }
  }

  private static String firstBad(Topology t, double[] v, String prefix, String suffix) {
    for (int l = 1; l <= t.numLayers(); l++) {
      int b = t.biasOffset(l);
      for (int i = t.weightOffset(l); i < b + t.size(l); i++) {
        if (!Double.isFinite(v[i])) {
          return prefix + " of layer " + l + (i < b ? " (W)" : " (b)") + suffix;
        }
      }
    }
    return "";
  }
}
