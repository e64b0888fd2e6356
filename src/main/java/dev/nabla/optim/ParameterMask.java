package dev.nabla.optim;

import dev.nabla.nn.Topology;

/**
 * Boolean masks over the flat parameter layout of {@link Topology} (true = the entry takes part), for
 * weight decay and regularization that apply to weights W^l and not to biases b^l.
 */
public final class ParameterMask {
  private ParameterMask() {}

  /** True on every W^l entry, false on every b^l entry. */
  public static boolean[] weightsOnly(Topology t) {
    boolean[] mask = new boolean[t.numParams()];
    for (int l = 1; l <= t.numLayers(); l++) {
      java.util.Arrays.fill(mask, t.weightOffset(l), t.biasOffset(l), true);
    }
    return mask;
  }

  /** True everywhere: weights and biases. */
  public static boolean[] all(int numParams) {
    boolean[] mask = new boolean[numParams];
    java.util.Arrays.fill(mask, true);
    return mask;
  }
}
