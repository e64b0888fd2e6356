package dev.nabla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
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
  @Option(names = "--config", description = "A properties file of options.")
  String config;

  @Option(names = "--model", required = true, description = "The model directory.")
  String model;

  @Option(names = "--data", required = true, description = "The data to evaluate on.")
  String data;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Option(names = "--partitions", defaultValue = "0", description = "Partitions (0 = Spark's default parallelism).")
  int partitions;

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
    Model m = ModelIO.load(model, spark.sparkContext().hadoopConfiguration());
    int p = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    TestRun run = new TestRun(spark, dataOptions);
    if (!json) {
      run.evaluate(m, data, p, System.out);
      return ExitStatus.OK;
    }
    Object metrics = run.metrics(m, data, p);
    Map<String, Object> out = metrics instanceof ClassificationMetrics c ? c.toMap() : ((RegressionMetrics) metrics).toMap();
    System.out.println(new ObjectMapper().writeValueAsString(out));
    return ExitStatus.OK;
  }
}
