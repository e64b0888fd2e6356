package dev.nabla.data;

import java.util.Arrays;

/**
 * One LIBSVM line: {@code label idx:val idx:val ...}, separated by spaces or tabs, indices 1-based and
 * strictly increasing (stored 0-based). Blank lines and lines starting with {@code #} hold no row.
 */
final class LibsvmParser implements LineParser {
  private static final long serialVersionUID = 1L;
  private static final String TOKEN_HINT = "features must be index:value with an integer index >= 1 and a number";

  private final boolean classification;
  private final int numClasses;
  private final int numFeatures;

  /**
   * @param numClasses classification: labels must be below it when &gt; 0
   * @param numFeatures indices must not exceed it when &gt; 0
   */
  LibsvmParser(boolean classification, int numClasses, int numFeatures) {
    this.classification = classification;
    this.numClasses = numClasses;
    this.numFeatures = numFeatures;
  }

  @Override
  public Parsed parse(String line, long record, boolean fileStart) {
    int n = line.length();
    int i = skipBlanks(line, 0);
    if (i == n || line.charAt(i) == '#') {
      return null;
    }
    int end = tokenEnd(line, i);
    double label;
    try {
      label = Numbers.parse(line, i, end);
    } catch (NumberFormatException e) {
      return BadRow.at(record, "unparsable label '" + line.substring(i, end) + "'", line, i, end,
          "a LIBSVM line starts with a numeric label, then index:value pairs");
    }
    Checks.Problem p = classification ? Checks.classLabel(label, line.substring(i, end), numClasses)
        : Checks.finite(label, "label");
    if (p != null) {
      return BadRow.at(record, p.problem(), line, i, end, p.hint());
    }
    int[] idx = new int[8];
    double[] val = new double[8];
    int count = 0;
    int previous = 0;
    for (i = skipBlanks(line, end); i < n; i = skipBlanks(line, end)) {
      end = tokenEnd(line, i);
      String token = line.substring(i, end);
      int colon = line.indexOf(':', i);
      if (colon < 0 || colon >= end) {
        return BadRow.at(record, "token '" + token + "' is not index:value", line, i, end, TOKEN_HINT);
      }
      int index = Numbers.parseIndex(line, i, colon);
      if (index < 0) {
        return BadRow.at(record, "index in '" + token + "' is not a non-negative integer", line, i, end, TOKEN_HINT);
      }
      if (index == 0) {
        return BadRow.at(record, "feature index 0", line, i, end,
            "LIBSVM indices start at 1; if the file is 0-based, add 1 to every index");
      }
      if (index <= previous) {
        String what = index == previous ? "duplicate index " + index : "index " + index + " after " + previous;
        return BadRow.at(record, what, line, i, end, "indices must be strictly increasing; sort and merge them");
      }
      if (numFeatures > 0 && index > numFeatures) {
        return BadRow.at(record, "index " + index + " > numFeatures " + numFeatures, line, i, end,
            "raise numFeatures to at least " + index + " or leave it 0 to infer it");
      }
      double v;
      try {
        v = Numbers.parse(line, colon + 1, end);
      } catch (NumberFormatException e) {
        return BadRow.at(record, "unparsable value in '" + token + "'", line, i, end, TOKEN_HINT);
      }
      Checks.Problem q = Checks.finite(v, "at index " + index);
      if (q != null) {
        return BadRow.at(record, q.problem(), line, i, end, q.hint());
      }
      if (count == idx.length) {
        idx = Arrays.copyOf(idx, count * 2);
        val = Arrays.copyOf(val, count * 2);
      }
      idx[count] = index - 1;
      val[count++] = v;
      previous = index;
    }
    return new ParsedRow(Arrays.copyOf(idx, count), Arrays.copyOf(val, count), new double[] {label});
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }
}
