package dev.nabla.train;

import java.util.Locale;

/** How a run's steps reach the executors; both give the same result, bit for bit. */
public enum StepEngine {
  /**
   * One long-lived Spark job per epoch whose tasks exchange θ and gradient SUMS with the driver over
   * sockets ({@link StepStream}); falls back to {@link #JOBS} for an epoch it cannot run. The default.
   */
  STREAM,
  /** One Spark job per step: θ by broadcast, the SUMS as task results. */
  JOBS;

  /** Parses {@code stream} or {@code jobs} (any case). */
  public static StepEngine parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("step-engine must be stream or jobs, got '" + s + "'");
    }
  }
}
