package dev.nabla.optim;

import java.io.Serializable;
import java.util.Objects;

/**
 * Gradient clipping of the step's MEAN gradient, in place:
 * <pre>
 *   NORM:   g ← g · min(1, c / ‖g‖₂)    (global L2 norm over all parameters; keeps the direction)
 *   VALUE:  g_i ← clamp(g_i, −c, c)
 *   NONE:   g unchanged (its norm is still measured)
 * </pre>
 * A NaN entry stays NaN (the trainer's divergence check reports it).
 *
 * @param mode how to clip
 * @param threshold c &gt; 0 for NORM and VALUE; 0 for NONE
 */
public record Clipping(Mode mode, double threshold) implements Serializable {

  /** The kind of clipping. */
  public enum Mode { NONE, NORM, VALUE }

  public Clipping {
    Objects.requireNonNull(mode, "mode");
    if (mode == Mode.NONE) {
      if (threshold != 0) {
        throw new IllegalArgumentException("clip threshold must be 0 without clipping, got " + threshold);
      }
    } else {
      Check.positive(mode == Mode.NORM ? "clip-norm" : "clip-value", threshold);
    }
  }

  /** No clipping. */
  public static Clipping none() {
    return new Clipping(Mode.NONE, 0);
  }

  /** Scale g to norm c when ‖g‖₂ &gt; c. */
  public static Clipping byNorm(double c) {
    return new Clipping(Mode.NORM, c);
  }

  /** Clamp each entry to [−c, c]. */
  public static Clipping byValue(double c) {
    return new Clipping(Mode.VALUE, c);
  }

  /**
   * From the {@code --clip-norm} and {@code --clip-value} flags, at most one of which may be set.
   *
   * @param clipNorm c for NORM, or null
   * @param clipValue c for VALUE, or null
   */
  public static Clipping of(Double clipNorm, Double clipValue) {
    if (clipNorm != null && clipValue != null) {
      throw new IllegalArgumentException("clip-norm " + clipNorm + " and clip-value " + clipValue
          + " cannot both be set; choose one");
    }
    return clipNorm != null ? byNorm(clipNorm) : clipValue != null ? byValue(clipValue) : none();
  }

  /** Clips {@code meanGradient} in place and says what it did. */
  public ClipResult apply(double[] meanGradient) {
    double before = norm(meanGradient);
    switch (mode) {
      case NORM -> {
        if (before > threshold) {
          double scale = threshold / before;
          for (int i = 0; i < meanGradient.length; i++) {
            meanGradient[i] *= scale;
          }
          return new ClipResult(before, norm(meanGradient), 0);
        }
      }
      case VALUE -> {
        int clamped = 0;
        for (int i = 0; i < meanGradient.length; i++) {
          double g = meanGradient[i];
          if (g > threshold || g < -threshold) {
            meanGradient[i] = g > 0 ? threshold : -threshold;
            clamped++;
          }
        }
        return new ClipResult(before, clamped > 0 ? norm(meanGradient) : before, clamped);
      }
      case NONE -> { }
      default -> throw new IllegalStateException("unhandled mode " + mode);
    }
    return new ClipResult(before, before, 0);
  }

  /**
   * ‖g‖₂ = √(Σ g_i²), rescaled by the largest |g_i| when the plain sum of squares overflows (so a huge
   * but finite gradient gets a finite norm).
   */
  static double norm(double[] g) {
    double sum = 0;
    for (double x : g) {
      sum += x * x;
    }
    if (!Double.isInfinite(sum)) {
      return Math.sqrt(sum);
    }
    double max = 0;
    for (double x : g) {
      max = Math.max(max, Math.abs(x));
    }
    if (Double.isInfinite(max)) {
      return Double.POSITIVE_INFINITY;
    }
    double scaled = 0;
    for (double x : g) {
      scaled += (x / max) * (x / max);
    }
    return max * Math.sqrt(scaled);
  }
}
