package dev.nabla.model;

/**
 * Thrown by {@link ModelIO#load} when a path is not a readable Nabla model: no such directory, no
 * manifest, a malformed manifest, a corrupt or truncated binary file, or sizes that disagree with the
 * manifest's topology. The message names the file, what is wrong and what to do.
 */
public final class ModelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
