package dev.nabla.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading {@code flag → text} maps (flag names without the leading dashes) into typed values. */
final class Flags {
  private Flags() {}

  /** Rejects keys outside {@code known}, naming the first unknown one and the valid ones. */
  static void requireKnown(Map<String, String> flags, List<String> known) {
    for (String k : flags.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown setting --" + k + "; valid: --" + String.join(", --", known));
      }
    }
  }

  static Double decimal(Map<String, String> flags, String flag) {
    String text = flags.get(flag);
    if (text == null) {
      return null;
    }
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + ": expected a number, got '" + text + "'");
    }
  }

  static Long integer(Map<String, String> flags, String flag) {
    String text = flags.get(flag);
    if (text == null) {
      return null;
    }
    try {
      return Long.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + ": expected a whole number, got '" + text + "'");
    }
  }

  static Integer smallInteger(Map<String, String> flags, String flag) {
    Long v = integer(flags, flag);
    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
      throw new IllegalArgumentException("--" + flag + ": expected a whole number up to " + Integer.MAX_VALUE
          + ", got '" + flags.get(flag) + "'");
    }
    return v == null ? null : v.intValue();
  }

  static boolean bool(Map<String, String> flags, String flag) {
    String text = flags.get(flag);
    if (text == null) {
      return false;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("--" + flag + ": expected true or false, got '" + text + "'");
    };
  }
}
