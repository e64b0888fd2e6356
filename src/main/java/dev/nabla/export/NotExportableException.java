package dev.nabla.export;

/**
 * A model that the export format cannot express as it is; the message names the layer, what is wrong and
 * what to do. Nothing has been written when it is thrown. The CLI exits with status 2.
 */
public final class NotExportableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NotExportableException(String message) {
    super(message);
  }
}
