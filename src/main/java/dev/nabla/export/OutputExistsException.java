package dev.nabla.export;

/** Thrown when the export's output file exists and overwriting was not asked for; nothing is written. */
public final class OutputExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public OutputExistsException(String path) {
    super(path + " already exists; pass --overwrite to replace it");
    this.path = path;
  }

  /** The file that already exists. */
  public String path() {
    return path;
  }
}
