package dev.nabla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.Model;
import dev.nabla.model.RegressionMetrics;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla evaluate}: a saved model's metrics on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prints a saved model's metrics on a data set: loss, accuracy, per-class precision/recall/F1,",
        "macro-F1 and the confusion matrix (classification) or MSE, RMSE, MAE, R² (regression)."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--json", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print one JSON object instead of tables.")
  boolean json;

  @Mixin SavedModelOptions saved;
  @Mixin DataOptions dataOptions;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } finally {
      sparkOptions.stop();
    }
  }

  private int run() throws Exception {
    SparkSession spark = sparkOptions.session("nabla evaluate");
    Model m = saved.load(spark);
    int p = saved.partitions(spark);
    TestRun run = new TestRun(spark, dataOptions);
    if (!json) {
      run.evaluate(m, saved.data, p, System.out);
      return ExitStatus.OK;
    }
    Object metrics = run.metrics(m, saved.data, p);
    Map<String, Object> out = metrics instanceof ClassificationMetrics c ? c.toMap() : ((RegressionMetrics) metrics).toMap();
    System.out.println(new ObjectMapper().writeValueAsString(out));
    return ExitStatus.OK;
  }
}
