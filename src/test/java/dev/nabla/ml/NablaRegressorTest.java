package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NablaRegressorTest extends SharedSpark {
  @TempDir
  Path tmp;

  @Test
  void regressorInAPipelineFitsAPlaneAndReloadsWithIdenticalPredictions() throws Exception {
    VectorAssembler assembler = new VectorAssembler().setInputCols(MlData.COLUMNS).setOutputCol("features");
    NablaRegressor nabla = new NablaRegressor().setLabelCol("y").setHiddenLayers(new int[] {8}).setActivation("tanh")
        .setOptimizer("adam").setLearningRate(0.05).setBatchSize(50).setEpochs(30).setSeed(2);
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, nabla})
        .fit(MlData.plane(spark, 400, 1));
    Dataset<Row> test = MlData.plane(spark, 200, 2).cache();
    RegressionEvaluator rmse = new RegressionEvaluator().setLabelCol("y").setMetricName("rmse");
    double error = rmse.evaluate(model.transform(test));
    // the targets' standard deviation is about 2.1; predicting their mean would score that
    assertTrue(error < 0.3, "test RMSE " + error);

    NablaRegressionModel fitted = (NablaRegressionModel) model.stages()[1];
    assertEquals("3-8(tanh)-1(identity) quadratic", fitted.nablaModel().topology().toString());
    String path = tmp.resolve("regression").toString();
    model.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> before = model.transform(test).select("prediction").collectAsList();
    List<Row> after = loaded.transform(test).select("prediction").collectAsList();
    assertEquals(200, after.size());
    assertEquals(before, after);
    assertEquals("y", ((NablaRegressionModel) loaded.stages()[1]).getLabelCol());
  }
}
