package dev.nabla.train;

import java.util.Locale;

/** Byte counts as users write them: {@code 67108864}, {@code 64k}, {@code 64m}, {@code 1g} (powers of 1024; a trailing
 * {@code b} or {@code ib} is allowed, case ignored), as Spark's size settings are written. */
public final class ByteSize {
  private ByteSize() {
  }

  /**
   * The bytes of {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms when it is not a positive size
   */
  public static long parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ib")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    int shift = 0;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> shift = 10;
        case 'm' -> shift = 20;
        case 'g' -> shift = 30;
        case 't' -> shift = 40;
        default -> shift = -1;
      }
      if (shift >= 0) {
        t = t.substring(0, t.length() - 1);
      } else {
        shift = 0;
      }
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is not a size: expected a positive number of bytes, "
          + "optionally with k, m, g or t (powers of 1024), e.g. 64m");
    }
    return n << shift;
  }

  /** {@code bytes} in the shortest exact form {@link #parse} reads: 64m for 67108864, 1000 for 1000. */
  public static String format(long bytes) {
    String[] units = {"t", "g", "m", "k"};
    for (int i = 0; i < units.length; i++) {
      int shift = 40 - 10 * i;
      if (bytes > 0 && bytes % (1L << shift) == 0) {
        return (bytes >> shift) + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
