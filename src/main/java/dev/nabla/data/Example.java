package dev.nabla.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example. The arrays are not copied: treat them as read-only.
 *
 * @param index the global position of the row in the input, in file order (0-based, dense 0..N-1 over
 *     the rows kept; for a directory of part files, file-name order). Batch selection keys on it, so it
 *     does not depend on how the data is partitioned.
 * @param features the dense feature vector, length {@link LoadedData#numFeatures()}
 * @param target classification: {@code {classIndex}}; regression: the targets, length
 *     {@link LoadedData#numTargets()}
 */
public record Example(long index, double[] features, double[] target) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rejects a negative index and null arrays. */
  public Example {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0; got " + index);
    }
    if (features == null || target == null) {
      throw new IllegalArgumentException("features and target must not be null (index " + index + ")");
    }
  }

  /** Equal when the index and the contents of both arrays are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Example e && e.index == index && Arrays.equals(e.features, features)
        && Arrays.equals(e.target, target);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(index) + Arrays.hashCode(features)) + Arrays.hashCode(target);
  }

  @Override
  public String toString() {
    return "Example[index=" + index + ", features=" + Arrays.toString(features) + ", target="
        + Arrays.toString(target) + "]";
  }
}
