package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.OnnxScoring;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX export from the Java API of Nabla's Spark ML models, checked in ONNX Runtime (MLlib's: MllibInteropTest). */
class OnnxExportApiTest extends SharedSpark {
  @TempDir
  Path tmp;

  @Test
  void nablaClassifierExportsWithItsLabelsAndProbabilities() throws Exception {
    NablaClassificationModel nabla = new NablaClassifier().setActivation("leaky-relu:0.1").setHiddenLayers(new int[] {6})
        .setOptimizer("adam").setLearningRate(0.05).setBatchSize(60).setEpochs(5).setSeed(3)
        .fit(MlData.assembled(MlData.blobs(spark, 240, 3)));
    OnnxChecks.assertSameClassification(nabla.transform(MlData.assembled(MlData.blobs(spark, 300, 4))), nabla.toOnnx());
  }

  @Test
  void nablaRegressorExportsWithItsPredictions() throws Exception {
    NablaRegressionModel nabla = new NablaRegressor().setLabelCol("y").setHiddenLayers(new int[] {8})
        .setActivation("tanh").setOptimizer("adam").setLearningRate(0.05).setBatchSize(50).setEpochs(5).setSeed(2)
        .fit(MlData.assembled(MlData.plane(spark, 400, 1)));
    Path file = tmp.resolve("regressor.onnx");
    nabla.saveOnnx(file.toString(), false);
    List<Row> rows = nabla.transform(MlData.assembled(MlData.plane(spark, 300, 2)))
        .select("features", "prediction").collectAsList();
    try (OnnxScoring onnx = new OnnxScoring(Files.readAllBytes(file))) {
      float[][] predicted = onnx.score(OnnxChecks.features(rows)).values();
      double max = 0;
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(1, predicted[i].length);
        max = Math.max(max, Math.abs(predicted[i][0] - rows.get(i).getDouble(1)));
      }
      assertTrue(max <= 1e-5, "largest prediction difference " + max);
    }
  }
}
