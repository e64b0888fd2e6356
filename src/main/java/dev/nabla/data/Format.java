package dev.nabla.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The input formats {@link DataReader} understands. */
public enum Format {
  /** {@code label idx:val ...}, indices 1-based and increasing; plain or compressed text. */
  LIBSVM,
  /** Numeric comma-separated values, optional header; plain or compressed text. */
  CSV,
  /** MNIST's IDX pair: an images file (idx3, ubyte) and a labels file (idx1, ubyte), plain or gzip. */
  IDX,
  /** A Parquet file or directory with an {@code ml.linalg} Vector features column and a label column. */
  PARQUET;

  /** The name used on the command line: the lower-case constant name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a command-line name ({@code libsvm}, {@code csv}, {@code idx}, {@code parquet}; case is ignored).
   *
   * @throws IllegalArgumentException naming the bad text and listing the allowed names
   */
  public static Format parse(String text) {
    if (text != null) {
      for (Format f : values()) {
        if (f.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException("unknown data format '" + text + "'; allowed: "
        + Arrays.stream(values()).map(Format::cliName).collect(Collectors.joining(", ")));
  }
}
