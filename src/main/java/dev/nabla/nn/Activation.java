package dev.nabla.nn;

import java.io.Serializable;
import java.util.Locale;

/**
 * An activation function σ applied to a layer's weighted input z, over arrays.
 *
 * <p>Arrays hold a column-major {@code rows × cols} batch (one column per sample), so element
 * {@code (r, c)} is at {@code r + c * rows}. Element-wise activations ignore the shape; softmax
 * normalises each column.
 */
public interface Activation extends Serializable {

  /** The spelling used on the command line and in manifests, e.g. {@code "leaky-relu:0.01"}. */
  String name();

  /** Writes a = σ(z) for the first {@code rows * cols} entries; {@code a} may be {@code z}. */
  void apply(double[] z, double[] a, int rows, int cols);

  /** True when σ acts on each entry alone, so that σ'(z) is a diagonal and BP1/BP2 apply as written. */
  default boolean isElementwise() {
    return true;
  }

  /** False for activations with a kink (ReLU, leaky ReLU), where σ' jumps at z = 0. */
  default boolean isSmooth() {
    return true;
  }

  /** Writes out = σ'(z) for the first {@code len} entries, given z and a = σ(z). */
  void derivative(double[] z, double[] a, double[] out, int len);

  /** Multiplies d by σ'(z) in place (the ⊙ σ'(z) of BP1 and BP2), given z and a = σ(z). */
  void multiplyByDerivative(double[] z, double[] a, double[] d, int len);

  /** The names {@link #parse} accepts, for error messages. */
  String NAMES = "sigmoid, tanh, relu, leaky-relu[:slope], softplus, identity, softmax";

  /**
   * Parses an activation name: {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky-relu} (slope
   * 0.01) or {@code leaky-relu:SLOPE}, {@code softplus}, {@code identity}, {@code softmax}.
   *
   * @throws IllegalArgumentException naming the bad value and the allowed ones
   */
  static Activation parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("leaky-relu")) {
      String rest = s.substring("leaky-relu".length());
      if (rest.isEmpty()) {
        return new LeakyRelu(LeakyRelu.DEFAULT_SLOPE);
      }
      if (rest.startsWith(":")) {
        try {
          return new LeakyRelu(Double.parseDouble(rest.substring(1)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "bad leaky-relu slope '" + rest.substring(1) + "': expected a number in [0, 1), e.g. leaky-relu:0.01");
        }
      }
    }
    switch (s) {
      case "sigmoid": return new Sigmoid();
      case "tanh": return new Tanh();
      case "relu": return new Relu();
      case "softplus": return new Softplus();
      case "identity": case "linear": return new Identity();
      case "softmax": return new Softmax();
      default:
        throw new IllegalArgumentException("unknown activation '" + text + "': expected one of " + NAMES);
    }
  }
}
