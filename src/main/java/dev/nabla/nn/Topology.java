package dev.nabla.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shape of a network: layer sizes n_0 (inputs) … n_L (outputs), an activation for each layer
 * l = 1..L, and the loss. Validated on construction.
 *
 * <h2>The flat parameter layout</h2>
 * All parameters live in one {@code double[]} of length {@link #numParams()}; gradients and
 * optimizer state use the same layout. Layer by layer, for l = 1..L:
 * <pre>
 *   W^l : n_l × n_{l−1}, column-major, at {@link #weightOffset(int) weightOffset(l)}
 *         (entry W^l[j][k] at weightOffset(l) + j + k · n_l)
 *   b^l : n_l entries, at {@link #biasOffset(int) biasOffset(l)} = weightOffset(l) + n_l · n_{l−1}
 * </pre>
 * and weightOffset(l + 1) = biasOffset(l) + n_l. This is the layout of Spark MLlib's
 * {@code ml.ann} affine layers, so MLlib weights map onto it without reordering.
 */
public final class Topology implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] sizes;
  private final Activation[] activations;
  private final Loss loss;
  private final int[] offsets;
  private final int numParams;

  /**
   * @param sizes n_0 … n_L, at least two entries, each positive
   * @param activations σ for layers 1..L ({@code activations[l - 1]} for layer l)
   * @param loss the cost; must accept the output activation
   * @throws IllegalArgumentException naming what is wrong and what is allowed
   */
  public Topology(int[] sizes, Activation[] activations, Loss loss) {
    Objects.requireNonNull(sizes, "sizes");
    Objects.requireNonNull(activations, "activations");
    Objects.requireNonNull(loss, "loss");
    if (sizes.length < 2) {
      throw new IllegalArgumentException(
          "layers must list at least an input and an output size, e.g. 784,128,10; got " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException("layer sizes must be positive integers; got " + Arrays.toString(sizes));
      }
    }
    if (activations.length != sizes.length - 1) {
      throw new IllegalArgumentException("need one activation per non-input layer (" + (sizes.length - 1)
          + "), got " + activations.length);
    }
    for (int l = 0; l < activations.length - 1; l++) {
      if (!activations[l].isElementwise()) {
        throw new IllegalArgumentException(activations[l].name() + " can only be the output activation");
      }
    }
    Activation output = activations[activations.length - 1];
    if (!loss.accepts(output)) {
      throw new IllegalArgumentException("output activation " + output.name() + " cannot be used with loss "
          + loss.cliName() + "; valid pairs: " + Loss.VALID_PAIRS);
    }
    this.sizes = sizes.clone();
    this.activations = activations.clone();
    this.loss = loss;
    this.offsets = new int[sizes.length];
    long total = 0;
    for (int l = 1; l < sizes.length; l++) {
      offsets[l] = (int) total;
      total += (long) sizes[l] * sizes[l - 1] + sizes[l];
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("too many parameters for one array: " + total + " (layers "
            + Arrays.toString(sizes) + ")");
      }
    }
    this.numParams = (int) total;
  }

  /**
   * A topology with one activation for all hidden layers and another for the output layer.
   *
   * @param sizes n_0 … n_L
   */
  public static Topology of(int[] sizes, Activation hidden, Activation output, Loss loss) {
    if (sizes.length < 2) {
      return new Topology(sizes, new Activation[0], loss);
    }
    Activation[] acts = new Activation[sizes.length - 1];
    Arrays.fill(acts, hidden);
    acts[acts.length - 1] = output;
    return new Topology(sizes, acts, loss);
  }

  /**
   * Parses layer sizes such as {@code "784,128,10"}.
   *
   * @throws IllegalArgumentException for empty entries, non-integers or non-positive sizes
   */
  public static int[] parseSizes(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("layers must be comma-separated positive integers, e.g. 784,128,10; got ''");
    }
    String[] parts = text.split(",", -1);
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        sizes[i] = -1;
      }
      if (sizes[i] <= 0) {
        throw new IllegalArgumentException("layers must be comma-separated positive integers, e.g. 784,128,10; got '"
            + text + "' (entry " + (i + 1) + " is '" + parts[i] + "')");
      }
    }
    if (sizes.length < 2) {
      throw new IllegalArgumentException("layers must list at least an input and an output size, e.g. 784,128,10; got '"
          + text + "'");
    }
    return sizes;
  }

  /** L, the number of weight layers (one less than the number of sizes). */
  public int numLayers() { return sizes.length - 1; }

  /** n_l for l = 0..L. */
  public int size(int l) { return sizes[l]; }

  /** n_0. */
  public int inputSize() { return sizes[0]; }

  /** n_L. */
  public int outputSize() { return sizes[sizes.length - 1]; }

  /** A copy of n_0 … n_L. */
  public int[] sizes() { return sizes.clone(); }

  /** σ of layer l, for l = 1..L. */
  public Activation activation(int l) { return activations[l - 1]; }

  /** The output activation σ of layer L. */
  public Activation outputActivation() { return activations[activations.length - 1]; }

  public Loss loss() { return loss; }

  /** Offset of W^l (l = 1..L) in the flat parameter array. */
  public int weightOffset(int l) { return offsets[l]; }

  /** Offset of b^l (l = 1..L) in the flat parameter array. */
  public int biasOffset(int l) { return offsets[l] + sizes[l] * sizes[l - 1]; }

  /** Total number of parameters, Σ_l n_l (n_{l−1} + 1). */
  public int numParams() { return numParams; }

  /** The largest layer size, n_0 included. */
  public int maxSize() {
    int m = 0;
    for (int s : sizes) {
      m = Math.max(m, s);
    }
    return m;
  }

  /** E.g. {@code 784-128(relu)-10(softmax) cross-entropy}. */
  @Override public String toString() {
    StringBuilder b = new StringBuilder().append(sizes[0]);
    for (int l = 1; l < sizes.length; l++) {
      b.append('-').append(sizes[l]).append('(').append(activations[l - 1].name()).append(')');
    }
    return b.append(' ').append(loss.cliName()).toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof Topology t && Arrays.equals(sizes, t.sizes) && Arrays.equals(activations, t.activations)
        && loss == t.loss;
  }

  @Override public int hashCode() {
    return 31 * Arrays.hashCode(sizes) + Arrays.hashCode(activations) + loss.hashCode();
  }
}
