package dev.nabla.optim;

/**
 * Validation shared by the optimizers, schedules and their configs. Every message is one line naming
 * the field (by its command-line name), the bad value and what is allowed.
 */
final class Check {
  private Check() {}

  /** Requires v in [0, 1). */
  static double unitInterval(String field, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), got " + v);
    }
    return v;
  }

  /** Requires v in (0, 1). */
  static double openUnitInterval(String field, double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1), got " + v);
    }
    return v;
  }

  /** Requires a finite v &gt; 0. */
  static double positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be a positive finite number, got " + v);
    }
    return v;
  }

  /** Requires a finite v ≥ 0. */
  static double nonNegative(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
    }
    return v;
  }

  /** Requires v ≥ min. */
  static long atLeast(String field, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(field + " must be an integer >= " + min + ", got " + v);
    }
    return v;
  }

  /** Requires a step index t ≥ 0. */
  static long stepIndex(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0 (counted from 0 over the whole run), got " + step);
    }
    return step;
  }

  /** The arguments of {@link Optimizer#step}: equal lengths (and {@code numParams} when ≥ 0), η finite ≥ 0. */
  static void stepArguments(String optimizer, int numParams, double[] params, double[] gradient, double rate) {
    if (params.length != gradient.length || (numParams >= 0 && params.length != numParams)) {
      throw new IllegalArgumentException(optimizer + ": params has " + params.length + " entries and the gradient "
          + gradient.length + (numParams >= 0 ? ", the optimizer was built for " + numParams : "")
          + "; pass arrays of the topology's numParams");
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(optimizer + ": learning rate must be a finite number >= 0, got " + rate);
    }
  }
}
