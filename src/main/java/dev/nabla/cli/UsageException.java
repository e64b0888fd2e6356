package dev.nabla.cli;

/** A bad flag, value or config key; exit status 2. The message names the key, the value and what is allowed. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
