package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NablaClassifier inside a Pipeline inside CrossValidator, and the fitted models saved and loaded. */
class NablaPipelineTest extends SharedSpark {
  private final MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
      .setMetricName("accuracy");
  private NablaClassifier nabla;
  private CrossValidatorModel cv;
  private Dataset<Row> test;

  @TempDir
  Path tmp;

  @BeforeAll
  void crossValidate() {
    VectorAssembler assembler = new VectorAssembler().setInputCols(MlData.COLUMNS).setOutputCol("raw");
    StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true);
    nabla = new NablaClassifier().setHiddenLayers(new int[] {8}).setOptimizer("adam").setBatchSize(40).setSeed(3);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, nabla});
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(nabla.learningRate(), new double[] {0.001, 0.05})
        .addGrid(nabla.epochs(), new int[] {12})
        .build();
    cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid).setEvaluator(accuracy)
        .setNumFolds(2).setSeed(5).fit(MlData.blobs(spark, 240, 1));
    test = MlData.blobs(spark, 150, 2).cache();
  }

  @Test
  void crossValidatorPicksTheLearningRateThatSeparatesTheClasses() {
    double[] avg = cv.avgMetrics();
    assertEquals(2, avg.length);
    assertTrue(avg[1] > avg[0], "η = 0.05 should beat η = 0.001 in 12 epochs: " + avg[0] + " vs " + avg[1]);
    PipelineModel best = (PipelineModel) cv.bestModel();
    NablaClassificationModel model = assertInstanceOf(NablaClassificationModel.class, best.stages()[2]);
    assertEquals(0.05, Double.parseDouble(model.nablaModel().manifest().hyperParameters().get("learningRate")));
    double acc = accuracy.evaluate(cv.transform(test));
    assertTrue(acc >= 0.95, "held-out accuracy " + acc);
  }

  @Test
  void savedCrossValidatorModelLoadsWithIdenticalPredictions() throws Exception {
    String path = tmp.resolve("cv").toString();
    cv.write().save(path);
    assertIdentical(cv, CrossValidatorModel.load(path));
  }

  @Test
  void savedPipelineModelLoadsWithIdenticalPredictions() throws Exception {
    PipelineModel best = (PipelineModel) cv.bestModel();
    String path = tmp.resolve("pipeline").toString();
    best.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    NablaClassificationModel model = (NablaClassificationModel) loaded.stages()[2];
    assertEquals(best.stages()[2].uid(), model.uid());
    assertEquals(3, model.numClasses());
    assertIdentical(best, loaded);
  }

  @Test
  void savedUnfittedPipelineLoadsWithTheClassifierParams() throws Exception {
    String path = tmp.resolve("estimator").toString();
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {nabla.copy(new ParamMap())
        .setEpochs(7).setDropout(new double[] {0.2})});
    pipeline.write().save(path);
    NablaClassifier loaded = (NablaClassifier) Pipeline.load(path).getStages()[0];
    assertEquals(nabla.uid(), loaded.uid());
    assertEquals(7, loaded.getEpochs());
    assertEquals("adam", loaded.getOptimizer());
    assertEquals(0.2, loaded.getDropout()[0]);
    assertEquals(8, loaded.getHiddenLayers()[0]);
  }

  /** Every row's prediction, probability and rawPrediction equal, bit for bit. */
  private void assertIdentical(Transformer a, Transformer b) {
    String[] cols = {"prediction", "probability", "rawPrediction"};
    List<Row> ra = a.transform(test).select("prediction", cols[1], cols[2]).collectAsList();
    List<Row> rb = b.transform(test).select("prediction", cols[1], cols[2]).collectAsList();
    assertEquals(test.count(), rb.size());
    assertEquals(ra, rb);
  }
}
