package dev.nabla.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla predict}: a saved model's predictions for every row of a data set ({@link PredictJob} does the work). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = Defaults.class,
    description = {"Writes a saved model's prediction for every row of a data set.",
        "One row per input row: index (position in the input), label, prediction and, for classification,",
        "the probability of each class (columns p0..p{k-1}). Exit status: 0 done, 2 bad option or existing",
        "output, 3 bad data, 1 internal error."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Where to write: csv, one file with one header line; "
      + "parquet, a directory of part files (any Hadoop path).")
  String out;

  @Option(names = "--out-format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String outFormat;

  @Mixin OverwriteOption output;
  @Mixin ConfigOption config;
  @Mixin SavedModelOptions saved;
  @Mixin DataOptions dataOptions;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    ClassPath.requireSpark();
    return PredictJob.run(this);
  }
}
