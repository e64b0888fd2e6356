package dev.nabla.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla evaluate}: a saved model's metrics on a data set ({@link EvaluateJob} does the work). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = Defaults.class,
    description = {"Prints a saved model's metrics on a data set.",
        "Classification: loss, accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix;",
        "regression: MSE, RMSE, MAE, R². Exit status: 0 done, 2 bad option, 3 bad data, 1 internal error."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--json", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print one JSON object instead of tables.")
  boolean json;

  @Mixin ConfigOption config;
  @Mixin SavedModelOptions saved;
  @Mixin DataOptions dataOptions;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    ClassPath.requireSpark();
    return EvaluateJob.run(this);
  }
}
