package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reading and writing the {@code Map<String, double[]>} states of optimizers and schedules. */
final class StateMaps {
  /** The key of the step count, stored as one double (exact up to 2^53 steps). */
  static final String STEPS = "steps";

  private StateMaps() {}

  /** Requires exactly the given keys, naming what is missing or extra. */
  static void requireKeys(String owner, Map<String, double[]> state, Set<String> keys) {
    Objects.requireNonNull(state, "state");
    if (!state.keySet().equals(keys)) {
      throw new IllegalArgumentException(owner + " state must have the keys " + keys + ", got " + state.keySet()
          + "; restore a state saved by the same kind of " + (keys.contains(STEPS) ? "optimizer" : "schedule"));
    }
  }

  /** The array under {@code key}, which must have {@code length} entries. */
  static double[] array(String owner, Map<String, double[]> state, String key, int length) {
    double[] a = state.get(key);
    if (a == null || a.length != length) {
      throw new IllegalArgumentException(owner + " state '" + key + "' must have " + length + " entries, got "
          + (a == null ? "none" : a.length) + "; restore a state saved for the same number of parameters");
    }
    return a;
  }

  /** The single value under {@code key}. */
  static double scalar(String owner, Map<String, double[]> state, String key) {
    return array(owner, state, key, 1)[0];
  }

  /** The step count under {@link #STEPS}: a whole number ≥ 0. */
  static long steps(String owner, Map<String, double[]> state) {
    double s = scalar(owner, state, STEPS);
    if (!(s >= 0) || s != Math.rint(s) || s > 0x1p53) {
      throw new IllegalArgumentException(owner + " state 'steps' must be a whole number >= 0, got " + s);
    }
    return (long) s;
  }

  /** A new map holding the step count and copies of the given arrays, in order. */
  static Map<String, double[]> copyOf(long steps, Map<String, double[]> arrays) {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put(STEPS, new double[] {steps});
    arrays.forEach((k, v) -> s.put(k, v.clone()));
    return s;
  }
}
