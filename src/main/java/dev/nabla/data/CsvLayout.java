package dev.nabla.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

/**
 * Works out a CSV input's columns on the driver from its first line (the header, or the first non-blank
 * line without one): the field count, which columns are labels and which are features. Produces the
 * {@link CsvParser} the executors use.
 */
final class CsvLayout {
  private CsvLayout() {}

  /** The comma-separated cells of {@code line}, trimmed. */
  static String[] cells(String line) {
    String[] c = line.split(",", -1);
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i].strip();
    }
    return c;
  }

  /**
   * @param path the path as given, for messages
   * @param files the input files in file-name order
   * @throws DataException when there is no line at all, a header is blank, the first line is not numeric
   *     without a header, a label column does not exist, or the column counts disagree with the options
   */
  /** What to do when line 1 is a header the read did not expect; names the command-line flag and the config key. */
  static final String HEADER_HINT = "if line 1 is a header, pass --header (header=true in a config file) or name the "
      + "label column with --label-col";

  static CsvParser resolve(Configuration conf, String path, List<FileStatus> files, ReadOptions o) {
    for (FileStatus f : files) {
      String file = InputFiles.display(f.getPath());
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(InputFiles.open(conf, f.getPath()), StandardCharsets.UTF_8))) {
        long lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lineNo++;
          if (lineNo == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          if (o.header()) {
            return layout(file, lineNo, line, o);
          }
          if (!line.isBlank()) {
            return layout(file, lineNo, line, o);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    throw new DataException(path + ": no examples (empty file?)");
  }

  private static CsvParser layout(String file, long lineNo, String line, ReadOptions o) {
    String[] cells = cells(line);
    String where = file + ":" + lineNo;
    String[] names = null;
    if (o.header()) {
      if (line.isBlank()) {
        throw new DataException(where + ": header line is blank; with a header (--header, or a --label-col name) line 1 "
            + "must name the columns");
      }
      names = cells;
    } else {
      for (int k = 0; k < cells.length; k++) {
        try {
          Numbers.parse(cells[k], 0, cells[k].length());
        } catch (NumberFormatException e) {
          throw new DataException(where + ": non-numeric value '" + cells[k] + "' in column " + k + " in '"
              + BadRow.excerpt(line, 0, 0) + "'; " + HEADER_HINT);
        }
      }
    }
    int[] labels = labelColumns(where, cells.length, names, o);
    boolean[] isLabel = new boolean[cells.length];
    for (int c : labels) {
      isLabel[c] = true;
    }
    int[] features = new int[cells.length - labels.length];
    for (int k = 0, j = 0; k < cells.length; k++) {
      if (!isLabel[k]) {
        features[j++] = k;
      }
    }
    if (features.length == 0) {
      throw new DataException(where + ": no feature columns: all " + cells.length + " columns are labels in '"
          + BadRow.excerpt(line, 0, 0) + "'; check labelCol");
    }
    if (o.numFeatures() > 0 && o.numFeatures() != features.length) {
      throw new DataException(where + ": rows have " + features.length + " feature columns (" + cells.length
          + " fields minus " + labels.length + " label column(s)) but numFeatures=" + o.numFeatures()
          + "; leave numFeatures 0 or fix labelCol");
    }
    return new CsvParser(cells.length, labels, features, names, o.classification(), o.numClasses());
  }

  private static int[] labelColumns(String where, int fields, String[] names, ReadOptions o) {
    List<String> specs = o.csvLabelColumns();
    int[] cols = new int[specs.size()];
    for (int t = 0; t < cols.length; t++) {
      String s = specs.get(t);
      if (s.matches("-?[0-9]+")) {
        long k = s.length() > 10 ? Long.MAX_VALUE : Long.parseLong(s);
        if (k < 0 || k >= fields) {
          throw new DataException(where + ": labelCol index " + s + " is out of range: rows have " + fields
              + " columns, indices 0.." + (fields - 1));
        }
        cols[t] = (int) k;
      } else {
        int k = Arrays.asList(names).indexOf(s);
        if (k < 0) {
          throw new DataException(where + ": no column '" + s + "' in the header (a --label-col name means line 1 is "
              + "the header); columns: " + String.join(", ", names) + "; set --label-col to one of them or to a 0-based "
              + "index");
        }
        if (Arrays.asList(names).lastIndexOf(s) != k) {
          throw new DataException(where + ": the header names column '" + s + "' twice; select it by 0-based index");
        }
        cols[t] = k;
      }
    }
    List<Integer> seen = new ArrayList<>();
    for (int c : cols) {
      if (seen.contains(c)) {
        throw new DataException(where + ": labelCol '" + o.labelCol() + "' selects column " + c + " twice");
      }
      seen.add(c);
    }
    return cols;
  }
}
