package dev.nabla.data;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Bad input data: a missing or empty path, a malformed file, or a row that fails validation. The
 * message is one line, {@code <file>:<line>: <problem> in '<text>'; <what to do>} for a bad row
 * ({@code <source> row <i>} for DataFrames). The CLI maps it to exit status 3.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String MARKER = DataException.class.getName() + ": ";

  /** @param message the one-line message; line breaks are replaced by spaces */
  public DataException(String message) {
    super(oneLine(message));
  }

  /** @param message the one-line message; line breaks are replaced by spaces */
  public DataException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /**
   * Finds the DataException behind {@code t}: {@code t} itself, one in its cause chain (as when a
   * Spark task failed with it and the driver received a SparkException), or, when Spark lost the
   * cause, one recovered from a message that quotes {@code dev.nabla.data.DataException: ...}
   * (the recovered exception has {@code t} as its cause).
   */
  public static Optional<DataException> find(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (c instanceof DataException d) {
        return Optional.of(d);
      }
    }
    seen.clear();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      String m = c.getMessage();
      int at = m == null ? -1 : m.indexOf(MARKER);
      if (at >= 0) {
        int start = at + MARKER.length();
        int end = m.indexOf('\n', start);
        String text = (end < 0 ? m.substring(start) : m.substring(start, end)).strip();
        if (!text.isEmpty()) {
          return Optional.of(new DataException(text, t));
        }
      }
    }
    return Optional.empty();
  }

  private static String oneLine(String message) {
    return message == null ? "bad input data" : message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
