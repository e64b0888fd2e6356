package dev.nabla.train;

import dev.nabla.nn.Topology;

/** Finds non-finite values after a step and says where, so that a diverging run stops with advice. */
final class Divergence {
  private final Topology topology;
  private final int epochs;
  private final int steps;
  private final double learningRate;

  Divergence(Topology topology, int epochs, int steps, double learningRate) {
    this.topology = topology;
    this.epochs = epochs;
    this.steps = steps;
    this.learningRate = learningRate;
  }

  /** Before the update: the batch's loss sum and mean gradient must be finite. */
  void checkGradient(double lossSum, double[] gradient, int epoch, int step) {
    String layer = firstNonFinite(gradient);
    if (!Double.isFinite(lossSum) || layer != null) {
      throw new DivergenceException("training diverged at " + where(epoch, step) + ": the loss is " + lossSum
          + (layer == null ? "" : " and the gradient of " + layer + " is not finite") + advice());
    }
  }

  /** After the update: the parameters must be finite. */
  void checkParams(double[] params, int epoch, int step) {
    String layer = firstNonFinite(params);
    if (layer != null) {
      throw new DivergenceException("training diverged at " + where(epoch, step) + ": the parameters of " + layer
          + " overflowed in the update" + advice());
    }
  }

  private String where(int epoch, int step) {
    return "epoch " + epoch + "/" + epochs + " step " + step + "/" + steps;
  }

  private String advice() {
    return "; try a lower --learning-rate (now " + learningRate
        + "), another --init, or --scale standard for unscaled features";
  }

  private String firstNonFinite(double[] v) {
    for (int l = 1; l <= topology.numLayers(); l++) {
      int b = topology.biasOffset(l);
      for (int i = topology.weightOffset(l); i < b + topology.size(l); i++) {
        if (!Double.isFinite(v[i])) {
          return "layer " + l + (i < b ? " (W)" : " (b)");
        }
      }
    }
    return null;
  }
}
