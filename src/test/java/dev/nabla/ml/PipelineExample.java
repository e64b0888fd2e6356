package dev.nabla.ml;

import java.io.IOException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's Java example: a Pipeline that assembles and standardises three numeric columns, trains
 * a {@link NablaClassifier}, evaluates it on held-out rows and saves the fitted pipeline.
 *
 * <p>{@code PipelineExampleTest} calls {@link #run} ({@code mvn -B -o test -Dtest=PipelineExampleTest}).
 * {@link #main} takes the output path and leaves the master to the launcher: spark-submit's
 * {@code --master}, or {@code -Dspark.master=local[2]} when started from an IDE with the test class path.
 */
public final class PipelineExample {
  private PipelineExample() {
  }

  public static void main(String[] args) throws IOException {
    String out = args.length > 0 ? args[0] : "nabla-pipeline-model";
    SparkSession spark = SparkSession.builder().appName("nabla pipeline example").getOrCreate();
    try {
      System.out.printf("test accuracy %.3f, pipeline saved to %s%n", run(spark, out), out);
    } finally {
      spark.stop();
    }
  }

  /** Trains, evaluates and saves to {@code modelPath}; returns the accuracy on the held-out rows. */
  public static double run(SparkSession spark, String modelPath) throws IOException {
    Dataset<Row> data = MlData.blobs(spark, 600, 42); // columns x1, x2, x3 and label 0, 1, 2
    Dataset<Row>[] split = data.randomSplit(new double[] {0.8, 0.2}, 7);

    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2", "x3"}).setOutputCol("raw");
    StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features")
        .setWithMean(true).setWithStd(true);
    NablaClassifier nabla = new NablaClassifier()
        .setHiddenLayers(new int[] {16})   // n_0 = 3 features and n_L = 3 classes come from the data
        .setActivation("relu")
        .setOptimizer("adam")
        .setLearningRate(0.01)
        .setBatchSize(32)
        .setEpochs(10)
        .setSeed(1);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, nabla});

    PipelineModel model = pipeline.fit(split[0]);
    Dataset<Row> predictions = model.transform(split[1]);   // adds rawPrediction, probability, prediction
    double accuracy = new MulticlassClassificationEvaluator()
        .setLabelCol("label").setPredictionCol("prediction").setMetricName("accuracy")
        .evaluate(predictions);

    model.write().overwrite().save(modelPath);              // PipelineModel.load(modelPath) reads it back
    return accuracy;
  }
}
