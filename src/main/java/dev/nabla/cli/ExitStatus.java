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

  private ExitStatus() {
  }
}
