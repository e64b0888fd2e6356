package dev.nabla.data;

import java.util.Locale;

/** What a read does with a row that fails validation. */
public enum OnBadRow {
  /** Throw a {@link DataException} for the first bad row in file order. */
  FAIL,
  /** Drop bad rows, count them and keep the first five messages in {@link LoadedData}. */
  SKIP;

  /** The name used on the command line: the lower-case constant name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code fail} or {@code skip} (case is ignored).
   *
   * @throws IllegalArgumentException naming the bad text and the allowed names
   */
  public static OnBadRow parse(String text) {
    if (text != null) {
      for (OnBadRow b : values()) {
        if (b.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return b;
        }
      }
    }
    throw new IllegalArgumentException("unknown on-bad-row value '" + text + "'; allowed: fail, skip");
  }
}
