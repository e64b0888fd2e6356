package dev.nabla.data;

/**
 * Strict number parsing for text formats: a plain decimal with an optional sign, fraction and exponent
 * ({@code -1}, {@code .5}, {@code 2.}, {@code 3e-4}), or NaN/Inf spelled {@code nan}, {@code inf},
 * {@code infinity} in any case with an optional sign (returned as such so that the caller can report
 * them as NaN/Inf rather than as unparsable). Java-only forms that {@link Double#parseDouble} would
 * accept ({@code 1d}, {@code 1f}, {@code 0x1p3}) are rejected. A decimal beyond the double range
 * parses to an infinity.
 */
final class Numbers {
  private Numbers() {}

  /**
   * Parses {@code s[from, to)}, ignoring surrounding spaces and tabs.
   *
   * @throws NumberFormatException when the text is not a number in the form above
   */
  static double parse(String s, int from, int to) {
    while (from < to && isBlank(s.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(s.charAt(to - 1))) {
      to--;
    }
    if (from == to) {
      throw new NumberFormatException("empty");
    }
    int i = from;
    char sign = s.charAt(i);
    if (sign == '+' || sign == '-') {
      i++;
    }
    String word = s.substring(i, to);
    if (word.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
      return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    int digits = 0;
    while (i < to && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < to && s.charAt(i) == '.') {
      i++;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException(s.substring(from, to));
    }
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        throw new NumberFormatException(s.substring(from, to));
      }
    }
    if (i != to) {
      throw new NumberFormatException(s.substring(from, to));
    }
    return Double.parseDouble(s.substring(from, to));
  }

  /** Parses a decimal integer of digits only (no sign); -1 when it is not one or exceeds int range. */
  static int parseIndex(String s, int from, int to) {
    if (from == to || to - from > 10) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** A compact rendering of a value for messages: integers without ".0". */
  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
