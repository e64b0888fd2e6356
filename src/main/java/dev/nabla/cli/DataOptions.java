package dev.nabla.cli;

import dev.nabla.data.Format;
import dev.nabla.data.OnBadRow;
import dev.nabla.data.ReadOptions;
import picocli.CommandLine.Option;

/** How to read data files; shared by train, evaluate and predict (defaults: {@link Defaults}). */
final class DataOptions {
  @Option(names = "--format", description = "libsvm, csv, idx or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--label-col", description = "CSV: label column name (implies --header) or 0-based index (default 0); "
      + "regression may list several. Parquet: label column (default " + ReadOptions.DEFAULT_LABEL_COL + ").")
  String labelCol;

  @Option(names = "--features-col", description = "Parquet: ml.linalg Vector column (default "
      + ReadOptions.DEFAULT_FEATURES_COL + ").")
  String featuresCol;

  @Option(names = "--header", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "CSV: the first line is a header.")
  boolean header;

  @Option(names = "--num-features",
      description = "Feature dimension; 0 infers it (LIBSVM: the largest index) (default: ${DEFAULT-VALUE}).")
  int numFeatures;

  @Option(names = "--labels", description = "IDX: the labels file (default: derived from the images file name).")
  String labelsPath;

  @Option(names = "--on-bad-row",
      description = "fail: stop at the first bad row (exit 3); skip: drop, count and report bad rows (default: ${DEFAULT-VALUE}).")
  String onBadRow;

  /** Read options for a data set; numFeatures/numClasses override the flags when known (&gt; 0). */
  ReadOptions read(boolean classification, int knownFeatures, int numClasses) {
    Format f;
    OnBadRow bad;
    try {
      f = Format.parse(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format: " + e.getMessage());
    }
    try {
      bad = OnBadRow.parse(onBadRow);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--on-bad-row: " + e.getMessage());
    }
    if (numFeatures < 0) {
      throw new UsageException("--num-features must be 0 (infer) or a positive integer, got " + numFeatures);
    }
    int nf = knownFeatures > 0 ? knownFeatures : numFeatures;
    return new ReadOptions(f, labelCol, featuresCol, header, nf, classification, numClasses, bad, labelsPath);
  }
}
