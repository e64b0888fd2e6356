package dev.nabla.data;

import java.util.Arrays;

/**
 * A valid row before it gets its global index: sparse features ({@code indices} 0-based, strictly
 * increasing, with their {@code values}) or dense ones ({@code indices == null}), and the target.
 */
record ParsedRow(int[] indices, double[] values, double[] target) implements Parsed {

  /** Dense features of length {@code values.length}. */
  static ParsedRow dense(double[] values, double[] target) {
    return new ParsedRow(null, values, target);
  }

  /** The smallest dimension that holds these features: the largest index + 1, or the dense length. */
  int width() {
    if (indices == null) {
      return values.length;
    }
    return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
  }

  /** The features as a dense array of length {@code numFeatures} (the dense array itself when it fits). */
  double[] denseFeatures(int numFeatures) {
    if (indices == null) {
      return values.length == numFeatures ? values : Arrays.copyOf(values, numFeatures);
    }
    double[] out = new double[numFeatures];
    for (int k = 0; k < indices.length; k++) {
      out[indices[k]] = values[k];
    }
    return out;
  }
}
