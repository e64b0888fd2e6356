package dev.nabla.cli;

import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side that evaluate and predict share: the session, the saved model read through its Hadoop
 * configuration, and the partition count to use. Closing it stops the session.
 *
 * @param partitions {@code --partitions}, or Spark's default parallelism when that is 0
 */
record ModelSession(SparkSession spark, Model model, int partitions) implements AutoCloseable {

  /** Starts Spark and loads the model; stops Spark again when the model cannot be loaded. */
  static ModelSession open(SavedModelOptions saved, SparkOptions options, String appName) {
    SparkSession spark = SparkSessions.start(options, appName);
    try {
      Model m = ModelIO.load(saved.model, spark.sparkContext().hadoopConfiguration());
      int p = options.partitions > 0 ? options.partitions : spark.sparkContext().defaultParallelism();
      return new ModelSession(spark, m, p);
    } catch (RuntimeException e) {
      spark.stop();
      throw e;
    }
  }

  @Override
  public void close() {
    spark.stop();
  }
}
