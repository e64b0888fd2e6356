package dev.nabla.report;

import java.util.Locale;

/** Escaping and number formatting for the XHTML/SVG the report writes. */
final class Xml {
  private Xml() {
  }

  /** Text or attribute value with &amp;, &lt;, &gt;, quotes escaped and XML-illegal control characters dropped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A coordinate with two decimals. */
  static String coord(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A value for people: 4 significant digits, or NaN/∞ spelled out. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
