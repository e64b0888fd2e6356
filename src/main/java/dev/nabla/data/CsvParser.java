package dev.nabla.data;

import java.util.Arrays;

/**
 * One CSV line: numeric fields separated by commas, no quoting, spaces around values allowed. Which
 * columns are labels and how many fields a row has come from {@link CsvLayout}. Blank lines hold no
 * row; with a header, line 1 of every file is the header and must equal the first file's.
 */
final class CsvParser implements LineParser {
  private static final long serialVersionUID = 1L;

  private final int fields;
  private final int[] labelCols;
  private final int[] featureCols;
  private final String[] names;
  private final boolean classification;
  private final int numClasses;

  /**
   * @param labelCols label columns in target order; {@code featureCols} the others, ascending
   * @param names the header names, or null without a header
   */
  CsvParser(int fields, int[] labelCols, int[] featureCols, String[] names, boolean classification, int numClasses) {
    this.fields = fields;
    this.labelCols = labelCols.clone();
    this.featureCols = featureCols.clone();
    this.names = names == null ? null : names.clone();
    this.classification = classification;
    this.numClasses = numClasses;
  }

  int numFeatures() {
    return featureCols.length;
  }

  int numTargets() {
    return labelCols.length;
  }

  @Override
  public Parsed parse(String line, long record, boolean fileStart) {
    if (names != null && fileStart) {
      if (Arrays.equals(CsvLayout.cells(line), names)) {
        return null;
      }
      return new BadRow(record, null, "header differs from the first file's", BadRow.excerpt(line, 0, 0),
          "every file must have the header " + String.join(",", names), true);
    }
    if (line.isBlank()) {
      return null;
    }
    int[] starts = new int[fields + 1];
    int count = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      if (count < fields) {
        starts[count] = i + 1;
      }
      count++;
    }
    if (count != fields) {
      return BadRow.at(record, "expected " + fields + " fields, got " + count, line, 0, 0,
          "every row needs the " + fields + " comma-separated fields of the " + (names != null ? "header" : "first row"));
    }
    starts[fields] = line.length() + 1;
    double[] row = new double[fields];
    for (int k = 0; k < fields; k++) {
      int from = starts[k];
      int to = starts[k + 1] - 1;
      try {
        row[k] = Numbers.parse(line, from, to);
      } catch (NumberFormatException e) {
        String hint = fileStart ? CsvLayout.HEADER_HINT : "CSV values must be plain numbers (no quotes)";
        return BadRow.at(record, "non-numeric value '" + line.substring(from, to).strip() + "' in " + column(k),
            line, from, to, hint);
      }
      Checks.Problem p = Checks.finite(row[k], "in " + column(k));
      if (p != null) {
        return BadRow.at(record, p.problem(), line, from, to, p.hint());
      }
    }
    double[] target = new double[labelCols.length];
    for (int t = 0; t < target.length; t++) {
      target[t] = row[labelCols[t]];
    }
    if (classification) {
      int c = labelCols[0];
      Checks.Problem p = Checks.classLabel(target[0], line.substring(starts[c], starts[c + 1] - 1).strip(), numClasses);
      if (p != null) {
        return BadRow.at(record, p.problem() + " in " + column(c), line, starts[c], starts[c + 1] - 1, p.hint());
      }
    }
    double[] features = new double[featureCols.length];
    for (int j = 0; j < features.length; j++) {
      features[j] = row[featureCols[j]];
    }
    return ParsedRow.dense(features, target);
  }

  private String column(int k) {
    return names == null ? "column " + k : "column " + k + " ('" + names[k] + "')";
  }
}
