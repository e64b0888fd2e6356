package dev.nabla.report;

/**
 * One hidden or output layer's training health over an epoch.
 *
 * @param layer l, 1-based
 * @param activation σ's name, e.g. {@code sigmoid}
 * @param gradNorm the RMS over the epoch's steps of ‖mean gradient of W^l‖ (Frobenius norm of the weight
 *     block of the batch's MEAN data-loss gradient, before regularization and clipping); NaN when unknown
 * @param measure {@code saturated} (sigmoid, tanh), {@code dead} (ReLU) or {@code none}
 * @param fraction the saturated or dead fraction in [0, 1]; NaN when {@code measure} is none
 */
public record LayerHealth(int layer, String activation, double gradNorm, String measure, double fraction) {

  public LayerHealth {
    if (layer < 1) {
      throw new IllegalArgumentException("LayerHealth: layer is " + layer + "; layers are numbered from 1");
    }
    if (!measure.equals("saturated") && !measure.equals("dead") && !measure.equals("none")) {
      throw new IllegalArgumentException("LayerHealth: measure is '" + measure + "'; expected saturated, dead or none");
    }
    if (!Double.isNaN(fraction) && !(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("LayerHealth: fraction is " + fraction + "; expected a value in [0, 1] or NaN");
    }
    if (!Double.isNaN(gradNorm) && !(gradNorm >= 0)) {
      throw new IllegalArgumentException("LayerHealth: gradNorm is " + gradNorm + "; expected a value >= 0 or NaN");
    }
  }

  /** The JSON key of the layer in the metrics file, {@code layer1}, {@code layer2}, … */
  public String key() {
    return "layer" + layer;
  }
}
