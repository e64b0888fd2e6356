package dev.nabla.model;

/** Thrown by {@link ModelIO#save} when the target model directory exists and overwriting was not asked for. */
public final class ModelExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public ModelExistsException(String path) {
    super("model directory " + path + " already exists; pass --overwrite to replace it");
    this.path = path;
  }

  /** The directory that already exists. */
  public String path() {
    return path;
  }
}
