package dev.nabla.train;

import java.util.Locale;

/** How a run's steps reach the executors; both give the same result, bit for bit. */
public enum StepEngine {
  /**
   * One long-lived Spark job per epoch whose tasks exchange θ and gradient SUMS with the driver over
   * sockets ({@code stream.TreeStream}); falls back to {@link #JOBS} for an epoch it cannot run. The default.
   */
  STREAM,
  /** One Spark job per step: θ by broadcast, the SUMS as task results. */
  JOBS;

  /** Spark configuration key of the default engine (for runs that do not choose one, e.g. the Spark ML API). */
  public static final String CONF_KEY = "spark.nabla.stepEngine";

  /** The engine {@value #CONF_KEY} names, {@link #STREAM} if unset. */
  public static StepEngine fromConf(org.apache.spark.SparkConf conf) {
    String v = conf.get(CONF_KEY, "stream");
    try {
      return parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CONF_KEY + " must be stream or jobs, got '" + v + "'");
    }
  }

  /** Parses {@code stream} or {@code jobs} (any case). */
  public static StepEngine parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("step-engine must be stream or jobs, got '" + s + "'");
    }
  }
}
