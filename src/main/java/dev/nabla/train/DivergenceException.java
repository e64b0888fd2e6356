package dev.nabla.train;

/** Training produced a NaN or infinite loss, gradient or parameter; the CLI exits with status 4. */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String message) {
    super(message);
  }
}
