package dev.nabla.cli;

import dev.nabla.data.DataReader;
import dev.nabla.data.LoadedData;
import dev.nabla.data.PackedPartition;
import dev.nabla.data.Packing;
import dev.nabla.data.Splits;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.Model;
import dev.nabla.model.RegressionMetrics;
import dev.nabla.model.Task;
import dev.nabla.train.Evaluation;
import java.io.PrintStream;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

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
    LoadedData d = DataReader.read(spark, path, data.read(classification, nf, model.numClasses()), partitions);
    TrainingData.reportSkipped(path, d);
    if (d.numFeatures() != nf) {
      throw new UsageException(path + " has " + d.numFeatures() + " features; the model expects " + nf);
    }
    JavaRDD<PackedPartition> blocks = Packing.pack(Splits.repartition(d.examples(), partitions), nf,
        model.numClasses(), model.topology().outputSize(), model.scaling()).persist(StorageLevel.MEMORY_ONLY());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<double[]> bc = sc.broadcast(model.params());
    try {
      sc.setJobDescription("nabla evaluate " + path);
      return classification
          ? Evaluation.classification(blocks, bc, model.topology(), model.numClasses())
          : Evaluation.regression(blocks, bc, model.topology());
    } finally {
      bc.destroy();
      blocks.unpersist(false);
    }
  }
}
