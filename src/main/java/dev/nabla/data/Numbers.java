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
    char first = i < to ? Character.toLowerCase(s.charAt(i)) : ' ';
    if (first == 'n' || first == 'i') {
      String word = s.substring(i, to);
      if (word.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
        return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
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
    double fast = fastPath(s, from, to);
    return fast == fast ? fast : Double.parseDouble(s.substring(from, to));
  }

  /** Powers of ten that are exact doubles: 10^0 .. 10^22. */
  private static final double[] EXACT_POWERS = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < EXACT_POWERS.length; k++) {
      EXACT_POWERS[k] = p;
      p *= 10;
    }
  }

  /**
   * A plain decimal {@code [sign] digits [. digits]} (no exponent) with at most 15 significant digits and 22
   * decimals, converted exactly as {@link Double#parseDouble} does but without allocating: its digits form an
   * integer m &lt; 10^15 &lt; 2^53 and the value is m / 10^k, both operands exact doubles, so the one IEEE
   * division is correctly rounded (Clinger 1990's fast path). NaN when the text is outside that form.
   */
  private static double fastPath(String s, int from, int to) {
    int i = from;
    boolean negative = false;
    char c = s.charAt(i);
    if (c == '+' || c == '-') {
      negative = c == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int decimals = 0;
    boolean point = false;
    for (; i < to; i++) {
      c = s.charAt(i);
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9') {
        if (m != 0 || c != '0') {
          digits++;
        }
        m = m * 10 + (c - '0');
        if (point) {
          decimals++;
        }
        if (digits > 15 || decimals > 22) {
          return Double.NaN;
        }
      } else {
        return Double.NaN;
      }
    }
    double v = decimals == 0 ? (double) m : m / EXACT_POWERS[decimals];
    return negative ? -v : v;
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
