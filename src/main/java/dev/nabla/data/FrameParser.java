package dev.nabla.data;

import java.io.Serializable;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * One DataFrame row of {@code (label, features[, file path, row index in file])}, label a double or a
 * Vector, features a Vector (sparse rows stay sparse). Rows from a Parquet read carry their file
 * and row index so that a bad row is located as {@code <file> row <i>}.
 */
final class FrameParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String MISSING_HINT = "every row needs a label and a features vector; drop or fill nulls";

  private final boolean vectorLabel;
  private final int numFeatures;
  private final int numTargets;
  private final boolean inferred;
  private final boolean classification;
  private final int numClasses;

  /**
   * @param numFeatures the required vector size; {@code inferred} when it came from the first row
   * @param numTargets the required label vector size when {@code vectorLabel}
   */
  FrameParser(boolean vectorLabel, int numFeatures, int numTargets, boolean inferred, boolean classification,
      int numClasses) {
    this.vectorLabel = vectorLabel;
    this.numFeatures = numFeatures;
    this.numTargets = numTargets;
    this.inferred = inferred;
    this.classification = classification;
    this.numClasses = numClasses;
  }

  /** @param record the row's 0-based position in its partition */
  Parsed parse(Row row, long record) {
    String where = row.size() > 2 ? located(row.getString(2), row.getLong(3)) : null;
    if (row.isNullAt(0) || row.isNullAt(1)) {
      return bad(record, where, row.isNullAt(0) ? "missing label" : "missing features", row.toString(), MISSING_HINT);
    }
    Vector v = (Vector) row.get(1);
    if (v.size() != numFeatures) {
      return bad(record, where, "features have " + v.size() + " values, expected " + numFeatures, row.toString(),
          inferred ? "the first vector read had " + numFeatures + "; set numFeatures if another size is right"
              : "numFeatures is " + numFeatures + "; fix the row or numFeatures");
    }
    int[] indices = v instanceof SparseVector sv ? sv.indices() : null;
    double[] x = indices != null ? ((SparseVector) v).values() : v.toArray();
    for (int k = 0; k < x.length; k++) {
      int j = indices == null ? k : indices[k];
      Checks.Problem p = Checks.finite(x[k], "in features[" + j + "]");
      if (p != null) {
        return bad(record, where, p.problem(), indices == null ? window("features", x, j)
            : "features[" + j + "]=" + Numbers.format(x[k]), p.hint());
      }
    }
    double[] target;
    if (vectorLabel) {
      target = ((Vector) row.get(0)).toArray();
      if (target.length != numTargets) {
        return bad(record, where, "label vector has " + target.length + " values, expected " + numTargets,
            row.toString(), "every label vector needs the size of the first one read (" + numTargets + ")");
      }
      for (int t = 0; t < target.length; t++) {
        Checks.Problem p = Checks.finite(target[t], "in label[" + t + "]");
        if (p != null) {
          return bad(record, where, p.problem(), window("label", target, t), p.hint());
        }
      }
    } else {
      double y = row.getDouble(0);
      Checks.Problem p = classification ? Checks.classLabel(y, Numbers.format(y), numClasses) : Checks.finite(y, "label");
      if (p != null) {
        return bad(record, where, p.problem(), "label=" + Numbers.format(y), p.hint());
      }
      target = new double[] {y};
    }
    return indices == null ? ParsedRow.dense(x, target) : new ParsedRow(indices, x, target);
  }

  private static BadRow bad(long record, String where, String problem, String text, String hint) {
    return new BadRow(record, where, problem, BadRow.excerpt(text, 0, 0), hint, false);
  }

  /** {@code name[a..b]=[...]}: up to five values around position j. */
  private static String window(String name, double[] x, int j) {
    int from = Math.max(0, j - 2);
    int to = Math.min(x.length, j + 3);
    StringBuilder sb = new StringBuilder(name).append('[').append(from).append("..").append(to - 1).append("]=[");
    for (int k = from; k < to; k++) {
      sb.append(k > from ? ", " : "").append(Numbers.format(x[k]));
    }
    return sb.append(']').toString();
  }

  private static String located(String filePath, long rowIndex) {
    String file;
    try {
      file = InputFiles.display(new Path(URI.create(filePath)));
    } catch (IllegalArgumentException e) {
      file = filePath;
    }
    return file + " row " + rowIndex;
  }
}
