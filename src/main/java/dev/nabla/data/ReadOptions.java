package dev.nabla.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Options for one read, validated in the compact constructor: an option that does not apply to the
 * format must be left at its default (null, false or 0) rather than being silently ignored.
 *
 * @param format the input format
 * @param labelCol CSV: a header name or a 0-based column index written as an integer (an integer is
 *     always an index); for regression several comma-separated names/indices give several targets, in
 *     that order; null = column 0. PARQUET: the label column's name (null = {@code label}), numeric, or
 *     an {@code ml.linalg} Vector for multi-target regression. Must be null for LIBSVM and IDX.
 * @param featuresCol PARQUET only: the {@code ml.linalg} Vector column (null = {@code features}). For
 *     CSV every non-label column is a feature.
 * @param header CSV only: the first line of every file is a header; implied by a {@code labelCol} that names a
 *     column (only a header can provide names)
 * @param numFeatures 0 = infer (LIBSVM: the largest index; CSV: the non-label columns; IDX: rows × cols;
 *     PARQUET: the size of the first vector read); &gt; 0 = the required dimension
 * @param classification labels are class indices 0..K-1 (else real-valued regression targets)
 * @param numClasses classification only: 0 = infer as the largest label + 1; &ge; 2 = labels must lie in
 *     [0, numClasses)
 * @param onBadRow fail on the first bad row, or skip and count bad rows
 * @param labelsPath IDX only: the labels file; null = derived from the images path by replacing
 *     {@code images-idx3-ubyte} with {@code labels-idx1-ubyte} in the file name
 */
public record ReadOptions(Format format, String labelCol, String featuresCol, boolean header, int numFeatures,
    boolean classification, int numClasses, OnBadRow onBadRow, String labelsPath) {

  /** Label column name of a PARQUET read when {@code labelCol} is null. */
  public static final String DEFAULT_LABEL_COL = "label";
  /** Features column name of a PARQUET read when {@code featuresCol} is null. */
  public static final String DEFAULT_FEATURES_COL = "features";

  /** Validates; every message names the field, the value and what is allowed. */
  public ReadOptions {
    if (format == null) {
      throw new IllegalArgumentException("format must not be null; allowed: libsvm, csv, idx, parquet");
    }
    if (onBadRow == null) {
      throw new IllegalArgumentException("onBadRow must not be null; allowed: fail, skip");
    }
    String f = format.cliName();
    if (labelCol != null) {
      requireOnly(format == Format.CSV || format == Format.PARQUET, "labelCol", "'" + labelCol + "'", f, "csv, parquet");
      requireNotBlank("labelCol", labelCol);
    }
    if (featuresCol != null) {
      requireOnly(format == Format.PARQUET, "featuresCol", "'" + featuresCol + "'", f, "parquet");
      requireNotBlank("featuresCol", featuresCol);
    }
    if (header) {
      requireOnly(format == Format.CSV, "header", "true", f, "csv");
    }
    if (format == Format.CSV && labelCol != null && !labelCol.isBlank() && namesAColumn(labelCol)) {
      header = true;
    }
    if (labelsPath != null) {
      requireOnly(format == Format.IDX, "labelsPath", "'" + labelsPath + "'", f, "idx");
      requireNotBlank("labelsPath", labelsPath);
    }
    if (numFeatures < 0) {
      throw new IllegalArgumentException("numFeatures must be 0 (infer) or positive; got " + numFeatures);
    }
    if (numClasses != 0 && !classification) {
      throw new IllegalArgumentException("numClasses applies to classification only; got " + numClasses
          + " for regression (leave it 0)");
    }
    if (numClasses < 0 || numClasses == 1) {
      throw new IllegalArgumentException("numClasses must be 0 (infer) or at least 2; got " + numClasses);
    }
    if (format == Format.CSV && labelCol != null) {
      List<String> cols = splitColumns(labelCol);
      if (classification && cols.size() > 1) {
        throw new IllegalArgumentException("labelCol must name one column for classification; got '" + labelCol
            + "' (several columns are allowed for regression only)");
      }
    }
  }

  /** Options with every optional field at its default: labels inferred, dimensions inferred, FAIL on bad rows. */
  public static ReadOptions of(Format format, boolean classification) {
    return new ReadOptions(format, null, null, false, 0, classification, 0, OnBadRow.FAIL, null);
  }

  public ReadOptions withLabelCol(String v) {
    return new ReadOptions(format, v, featuresCol, header, numFeatures, classification, numClasses, onBadRow, labelsPath);
  }

  public ReadOptions withFeaturesCol(String v) {
    return new ReadOptions(format, labelCol, v, header, numFeatures, classification, numClasses, onBadRow, labelsPath);
  }

  public ReadOptions withHeader(boolean v) {
    return new ReadOptions(format, labelCol, featuresCol, v, numFeatures, classification, numClasses, onBadRow, labelsPath);
  }

  public ReadOptions withNumFeatures(int v) {
    return new ReadOptions(format, labelCol, featuresCol, header, v, classification, numClasses, onBadRow, labelsPath);
  }

  public ReadOptions withNumClasses(int v) {
    return new ReadOptions(format, labelCol, featuresCol, header, numFeatures, classification, v, onBadRow, labelsPath);
  }

  public ReadOptions withOnBadRow(OnBadRow v) {
    return new ReadOptions(format, labelCol, featuresCol, header, numFeatures, classification, numClasses, v, labelsPath);
  }

  public ReadOptions withLabelsPath(String v) {
    return new ReadOptions(format, labelCol, featuresCol, header, numFeatures, classification, numClasses, onBadRow, v);
  }

  /** CSV: the label columns as written (trimmed), {@code ["0"]} when {@code labelCol} is null. */
  List<String> csvLabelColumns() {
    return labelCol == null ? List.of("0") : splitColumns(labelCol);
  }

  /** PARQUET: the label column name, {@value #DEFAULT_LABEL_COL} when unset. */
  String frameLabelCol() {
    return labelCol == null ? DEFAULT_LABEL_COL : labelCol;
  }

  /** PARQUET: the features column name, {@value #DEFAULT_FEATURES_COL} when unset. */
  String frameFeaturesCol() {
    return featuresCol == null ? DEFAULT_FEATURES_COL : featuresCol;
  }

  /** Whether a CSV labelCol lists a column name (anything but a 0-based index): then the files have a header. */
  private static boolean namesAColumn(String labelCol) {
    for (String c : labelCol.split(",", -1)) {
      if (!c.trim().isEmpty() && !c.trim().matches("-?[0-9]+")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> splitColumns(String labelCol) {
    List<String> cols = new ArrayList<>();
    for (String c : labelCol.split(",", -1)) {
      String t = c.trim();
      if (t.isEmpty()) {
        throw new IllegalArgumentException("labelCol has an empty entry in '" + labelCol
            + "'; write names or 0-based indices separated by commas, e.g. y or 0 or y1,y2");
      }
      if (cols.contains(t)) {
        throw new IllegalArgumentException("labelCol lists '" + t + "' twice in '" + labelCol + "'");
      }
      cols.add(t);
    }
    return cols;
  }

  private static void requireOnly(boolean applies, String field, String value, String format, String allowed) {
    if (!applies) {
      throw new IllegalArgumentException(field + " applies to " + allowed + " only; got " + value + " for format "
          + format + " (leave it unset)");
    }
  }

  private static void requireNotBlank(String field, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank; got '" + value + "' (use null for the default)");
    }
  }
}
