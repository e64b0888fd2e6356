package dev.nabla.nn;

import java.util.Locale;

/**
 * A per-sample cost C_x and how it pairs with the output activation.
 *
 * <p>Every method works on a column-major {@code rows × cols} batch and returns or writes SUMS over
 * the batch's samples, never means: the caller divides once, by the number of samples.
 */
public enum Loss {
  /** C_x = ½‖y − a‖², the textbook cost; ∇_a C_x = a − y; pairs with any element-wise output. */
  QUADRATIC("quadratic") {
    @Override public boolean accepts(Activation output) {
      return output.isElementwise();
    }

    @Override public boolean deltaIsOutputMinusTarget() {
      return false;
    }

    @Override public double sum(double[] z, double[] a, double[] y, int rows, int cols) {
      double s = 0;
      int n = rows * cols;
      for (int i = 0; i < n; i++) {
        double d = y[i] - a[i];
        s += d * d;
      }
      return 0.5 * s;
    }
  },

  /**
   * C_x = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)] with sigmoid outputs; computed from the logits z
   * as Σ_j [max(z_j, 0) − y_j z_j + log(1 + e^{−|z_j|})], finite for any finite z. δ^L = a − y.
   */
  BINARY_CROSS_ENTROPY("binary-cross-entropy") {
    @Override public boolean accepts(Activation output) {
      return output instanceof Sigmoid;
    }

    @Override public double sum(double[] z, double[] a, double[] y, int rows, int cols) {
      double s = 0;
      int n = rows * cols;
      for (int i = 0; i < n; i++) {
        double zi = z[i];
        s += Math.max(zi, 0.0) - y[i] * zi + Math.log1p(Math.exp(-Math.abs(zi)));
      }
      return s;
    }
  },

  /**
   * Categorical cross-entropy C_x = −Σ_j y_j log a_j with softmax outputs; computed from the logits as
   * Σ_j y_j (logsumexp(z) − z_j), finite for any finite z. δ^L = a − y.
   */
  CROSS_ENTROPY("cross-entropy") {
    @Override public boolean accepts(Activation output) {
      return output instanceof Softmax;
    }

    @Override public double sum(double[] z, double[] a, double[] y, int rows, int cols) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        int off = c * rows;
        double lse = Softmax.logSumExp(z, off, rows);
        for (int r = 0; r < rows; r++) {
          double yr = y[off + r];
          if (yr != 0) {
            s += yr * (lse - z[off + r]);
          }
        }
      }
      return s;
    }
  };

  /** The valid (output activation, loss) pairs, for error messages. */
  public static final String VALID_PAIRS =
      "quadratic with any element-wise output (sigmoid, tanh, relu, leaky-relu, softplus, identity); "
          + "binary-cross-entropy with sigmoid; cross-entropy with softmax";

  private final String cliName;

  Loss(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used on the command line and in manifests. */
  public String cliName() {
    return cliName;
  }

  /** Whether this loss may follow the given output activation. */
  public abstract boolean accepts(Activation output);

  /**
   * True when, for every output activation this loss accepts, BP1 simplifies to δ^L = a^L − y (the
   * σ'(z) factor cancels); false when BP1 must multiply ∇_a C = a − y by σ'(z^L).
   */
  public boolean deltaIsOutputMinusTarget() {
    return true;
  }

  /**
   * The SUM over the batch's columns of C_x.
   *
   * @param z the output layer's weighted input (logits)
   * @param a the output activations σ(z)
   * @param y the targets, same shape
   */
  public abstract double sum(double[] z, double[] a, double[] y, int rows, int cols);

  /** Parses {@code quadratic}, {@code binary-cross-entropy} or {@code cross-entropy}. */
  public static Loss parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Loss l : values()) {
      if (l.cliName.equals(s)) {
        return l;
      }
    }
    if (s.equals("mse")) {
      return QUADRATIC;
    }
    throw new IllegalArgumentException(
        "unknown loss '" + text + "': expected one of quadratic, binary-cross-entropy, cross-entropy");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
