package dev.nabla.cli;

/** The process exit statuses of every command; the README lists them. */
public final class ExitStatus {
  /** Success. */
  public static final int OK = 0;
  /** An internal error, or a check that did not pass (gradcheck above tolerance). */
  public static final int FAILED = 1;
  /** A usage or configuration error: a bad flag, value or config key. */
  public static final int USAGE = 2;
  /** Bad input data: a missing or malformed file, a bad row. */
  public static final int DATA = 3;
  /** Training diverged (NaN or infinite loss or gradient). */
  public static final int DIVERGED = 4;
  /** Out of a resource: memory or local disk (the message says how much is needed and what to change). */
  public static final int RESOURCES = 5;

  private ExitStatus() {
  }
}
