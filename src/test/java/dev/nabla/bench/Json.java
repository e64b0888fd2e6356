package dev.nabla.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans and null as JSON (NaN and infinities become null). */
final class Json {
  private Json() {
  }

  /** The JSON text of a value, indented by two spaces per level. */
  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b, "");
    return b.append('\n').toString();
  }

  private static void write(Object v, StringBuilder b, String indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Double d) {
      b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof String s) {
      string(s, b);
    } else if (v instanceof Map<?, ?> m) {
      String inner = indent + "  ";
      b.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        b.append('\n').append(inner);
        string(String.valueOf(e.getKey()), b);
        b.append(": ");
        write(e.getValue(), b, inner);
        b.append(it.hasNext() ? "," : "\n" + indent);
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ", ");
        write(l.get(i), b, indent);
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON: " + v
          + " (use a map, list, string, number, boolean or null)");
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
