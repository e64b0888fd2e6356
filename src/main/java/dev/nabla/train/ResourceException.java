package dev.nabla.train;

/**
 * Training cannot run in the memory or local disk it has: the message says what ran out, how much is needed and
 * what to change. Raised before training when the budget can be worked out ({@link MemoryBudget}), or found in a
 * failed job's causes ({@link #explain}).
 */
public final class ResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceException(String message) {
    super(message);
  }

  /**
   * A one-line explanation when {@code t}'s causes show memory or disk running out (an {@link OutOfMemoryError}, an
   * executor lost to one, or a full local disk), else null.
   *
   * @param data what the training data needs, e.g. "2,000,000 rows × 228 bytes = 456 MB", or null when unknown
   */
  public static ResourceException explain(Throwable t, String data) {
    String needs = data == null ? "" : " (the training data takes " + data + ")";
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ResourceException r) {
        return r;
      }
      String m = String.valueOf(c.getMessage());
      if (c instanceof OutOfMemoryError || m.contains("java.lang.OutOfMemoryError") || m.contains("exit code 52")
          || m.contains("exited with code 52")) {
        return new ResourceException("ran out of memory (Java heap)" + needs + ": give the executors (local mode: the "
            + "driver, NABLA_DRIVER_MEMORY) more memory, or use more partitions, a smaller --shuffle-window or "
            + "--batch-size, or --storage-precision float32");
      }
      if (m.contains("No space left on device")) {
        return new ResourceException("ran out of local disk while spilling" + needs + ": free space in "
            + "spark.local.dir (SPARK_LOCAL_DIRS) or point it at a larger disk, add executors, or use "
            + "--storage-precision float32");
      }
    }
    return null;
  }
}
