package dev.nabla.nn;

import java.util.Locale;

/**
 * The precision of a pass's matrix products ({@link Products}): FLOAT64, dgemm throughout; FLOAT32, sgemm on
 * float32 copies of θ, of the layers' outputs and of their errors (half the bytes, about twice the GFLOP/s), the
 * element-wise math in between (activations, losses, dropout, clipping) in float64 either way.
 */
public enum Precision {
  FLOAT64, FLOAT32;

  /** {@code float64} or {@code float32}, as on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code float64} or {@code float32} (any case). */
  public static Precision parse(String s) {
    String v = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("precision must be float64 or float32, got '" + s + "'");
    }
  }

  /** Rounds every entry of {@code v} to the nearest float32, in place (what float32 transfer and storage keep). */
  public static void roundToFloat(double[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) v[i];
    }
  }
}
