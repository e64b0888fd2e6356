package dev.nabla.data;

/** Validation shared by every format: finite values and class labels. Each check returns null when fine. */
final class Checks {
  /** Hint for NaN and infinite values. */
  static final String NON_FINITE_HINT = "replace or drop the value (NaN and Inf cannot be trained on)";

  private Checks() {}

  /** A problem and what to do about it. */
  record Problem(String problem, String hint) {}

  /** Null when {@code v} is finite, else {@code NaN <what>} or {@code Inf <what>} (e.g. "at index 3"). */
  static Problem finite(double v, String what) {
    if (Double.isNaN(v)) {
      return new Problem("NaN " + what, NON_FINITE_HINT);
    }
    if (Double.isInfinite(v)) {
      return new Problem("Inf " + what, NON_FINITE_HINT);
    }
    return null;
  }

  /**
   * Null when {@code label} is a usable class index: an integer &ge; 0, below {@code numClasses} when that
   * is given (&gt; 0). {@code text} is the label as written in the input.
   */
  static Problem classLabel(double label, String text, int numClasses) {
    Problem p = finite(label, "label");
    if (p != null) {
      return p;
    }
    if (label < 0) {
      return new Problem("negative class label " + text,
          "class labels must be integers 0..K-1; map them first (e.g. -1 -> 0 for -1/+1 labels)");
    }
    if (label != Math.rint(label)) {
      return new Problem("class label " + text + " is not an integer",
          "class labels must be integers 0..K-1; for a real-valued target read the data as regression");
    }
    if (numClasses > 0 && label >= numClasses) {
      return new Problem("class label " + text + " >= numClasses " + numClasses,
          "class labels must be < numClasses; raise numClasses or fix the label");
    }
    if (label >= Integer.MAX_VALUE) {
      return new Problem("class label " + text + " is too large", "class labels must be below 2147483647");
    }
    return null;
  }
}
