package dev.nabla.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla predict}: a saved model's predictions for every row of a data set ({@link PredictJob} does the work). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes one row per input row: index (position in the input), label, prediction and,",
        "for classification, the probability of each class (columns p0..p{k-1})."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory (Spark writes part files).")
  String out;

  @Option(names = "--out-format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String outFormat;

  @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Replace an existing output directory.")
  boolean overwrite;

  @Mixin SavedModelOptions saved;
  @Mixin DataOptions dataOptions;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    SparkOptions.requireSpark();
    return PredictJob.run(this);
  }
}
