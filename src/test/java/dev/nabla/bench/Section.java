package dev.nabla.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One section of the Spark benchmark's output: a markdown table with notes under it, the same figures
 * as raw numbers for the JSON file (units in the key names: {@code _ms}, {@code _s}, {@code _per_s}),
 * and the targets of issue 6 it measured, for the summary.
 */
final class Section {
  private final String key;
  private final String title;
  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final List<List<String>> verdicts = new ArrayList<>();

  /** @param key the section's name in the JSON output; {@code title} its markdown heading */
  Section(String key, String title, String... columns) {
    this.key = key;
    this.title = title;
    this.columns = List.of(columns);
  }

  String key() {
    return key;
  }

  /** Adds a table row; cells are printed with {@link String#valueOf}, one per column. */
  void row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("section '" + title + "': row " + Arrays.toString(cells) + " has "
          + cells.length + " cells for the " + columns.size() + " columns " + columns);
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(String.valueOf(c));
    }
    rows.add(row);
  }

  /** Adds a paragraph printed under the table. */
  void note(String text) {
    notes.add(text);
  }

  /** Records a value for the JSON output (a number, string, boolean, null, list or map of these). */
  void put(String key, Object value) {
    json.put(key, value);
  }

  Map<String, Object> json() {
    return json;
  }

  /** Records a target of issue 6 that this section measured, for the summary table. */
  void verdict(String target, String measured, boolean met) {
    verdicts.add(List.of(target, measured, met ? "yes" : "no"));
  }

  /** The targets recorded with {@link #verdict}: each {target, measured, "yes" or "no"}. */
  List<List<String>> verdicts() {
    return List.copyOf(verdicts);
  }

  /** The title as a markdown heading, the table (if any row), then the notes. */
  String markdown() {
    StringBuilder b = new StringBuilder("### ").append(title).append("\n\n");
    if (!rows.isEmpty()) {
      b.append("| ").append(String.join(" | ", columns)).append(" |\n|");
      b.append("---|".repeat(columns.size())).append('\n');
      for (List<String> r : rows) {
        b.append("| ").append(String.join(" | ", r)).append(" |\n");
      }
      b.append('\n');
    }
    for (String n : notes) {
      b.append(n).append("\n\n");
    }
    return b.toString();
  }

  /** Milliseconds to three significant digits, e.g. {@code 8.12 ms}; {@code n/a} for NaN. */
  static String ms(double seconds) {
    double ms = seconds * 1e3;
    return Double.isNaN(ms) ? "n/a"
        : String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
  }

  /** Seconds with one decimal, e.g. {@code 48.3 s}; {@code n/a} for NaN. */
  static String s(double seconds) {
    return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /** A number in the given format; {@code n/a} for NaN. */
  static String num(String format, double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }
}
