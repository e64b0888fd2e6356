package dev.nabla.cli;

import dev.nabla.data.BlockSet;
import dev.nabla.data.DataReader;
import dev.nabla.data.Storage;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.Model;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.model.Task;
import dev.nabla.train.Evaluation;
import dev.nabla.train.TrainingSet;
import java.io.PrintStream;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/** Evaluates a model on a data path: reads it as the model expects, one distributed pass, metrics. */
final class TestRun {
  private final SparkSession spark;
  private final DataOptions data;

  TestRun(SparkSession spark, DataOptions data) {
    this.spark = spark;
    this.data = data;
  }

  /** The metrics as printed; all of them by name. */
  Map<String, Double> evaluate(Model model, String path, int partitions, PrintStream out) {
    return summary(evaluatePrinted(model, path, partitions, out));
  }

  /** Evaluates and prints the table; returns {@link ClassificationMetrics} or {@link RegressionMetrics}. */
  Object evaluatePrinted(Model model, String path, int partitions, PrintStream out) {
    Object m = metrics(model, path, partitions);
    out.println("test metrics on " + path + ":");
    out.println(m instanceof ClassificationMetrics c ? c.toTable() : ((RegressionMetrics) m).toTable());
    return m;
  }

  /** The metrics of {@link ClassificationMetrics} or {@link RegressionMetrics} by name. */
  static Map<String, Double> summary(Object metrics) {
    return metrics instanceof ClassificationMetrics c ? c.summary() : ((RegressionMetrics) metrics).summary();
  }

  /** {@link ClassificationMetrics} or {@link RegressionMetrics} of the model on the data. */
  Object metrics(Model model, String path, int partitions) {
    boolean classification = model.task() == Task.CLASSIFICATION;
    int nf = model.topology().inputSize();
    BlockSet d = DataReader.load(spark, path, data.read(classification, nf, model.numClasses()), partitions,
        Storage.defaults(), null);
    try {
      TrainingData.reportSkipped(path, d.skipped(), d.skippedSamples());
      if (d.numFeatures() != nf) {
        throw new UsageException(path + " has " + d.numFeatures() + " features; the model expects " + nf);
      }
      TrainingSet set = new TrainingSet(d, model.scaling());
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<double[]> bc = sc.broadcast(model.params());
      try {
        sc.setJobDescription("nabla evaluate " + path);
        return classification ? Evaluation.classification(set, bc, model.topology())
            : Evaluation.regression(set, bc, model.topology());
      } finally {
        bc.destroy();
      }
    } finally {
      d.release();
    }
  }
}
