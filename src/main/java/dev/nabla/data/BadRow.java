package dev.nabla.data;

import java.io.Serializable;

/**
 * A row that failed validation, before its location is known in full.
 *
 * @param record the record's number within its partition (text: 1-based line in the split; DataFrame:
 *     0-based row in the partition); the {@code Assembler} adds the partition's base
 * @param where the complete location when the row knows it (e.g. Parquet file and row), else null
 * @param problem what is wrong, e.g. {@code feature index 0}
 * @param excerpt the offending text, at most 80 characters (plus "..." where cut); null when the problem
 *     is not in one row's text (e.g. a corrupt file)
 * @param hint what to do about it
 * @param fatal the input as a whole is unusable (a header that differs, a corrupt file): fails the read
 *     even with {@link OnBadRow#SKIP}
 */
record BadRow(long record, String where, String problem, String excerpt, String hint, boolean fatal)
    implements Parsed, Serializable {
  private static final long serialVersionUID = 1L;
  /** Longest excerpt of the offending text, in characters. */
  static final int MAX_EXCERPT = 80;

  /** A skippable bad row at {@code record} whose offending token is {@code text[from, to)}. */
  static BadRow at(long record, String problem, String text, int from, int to, String hint) {
    return new BadRow(record, null, problem, excerpt(text, from, to), hint, false);
  }

  /** The one-line message: {@code <location>: <problem> in '<excerpt>'; <hint>} (no "in" part without excerpt). */
  String message(String location) {
    return location + ": " + problem + (excerpt == null ? "" : " in '" + excerpt + "'") + "; " + hint;
  }

  /**
   * {@code text} when at most {@value #MAX_EXCERPT} characters, else a window of that many around
   * {@code text[from, to)} with "..." marking the cut ends.
   */
  static String excerpt(String text, int from, int to) {
    if (text.length() <= MAX_EXCERPT) {
      return text;
    }
    int start = Math.max(0, Math.min(from - 20, text.length() - MAX_EXCERPT));
    if (to - start > MAX_EXCERPT) {
      start = Math.max(0, Math.min(from, text.length() - MAX_EXCERPT));
    }
    int end = Math.min(text.length(), start + MAX_EXCERPT);
    return (start > 0 ? "..." : "") + text.substring(start, end) + (end < text.length() ? "..." : "");
  }
}
