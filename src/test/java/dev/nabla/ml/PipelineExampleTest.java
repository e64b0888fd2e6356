package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineExampleTest extends SharedSpark {
  @TempDir
  Path tmp;

  @Test
  void readmeExampleTrainsAnAccuratePipelineAndSavesIt() throws Exception {
    String path = tmp.resolve("pipeline").toString();
    double accuracy = PipelineExample.run(spark, path);
    assertTrue(accuracy >= 0.95, "held-out accuracy " + accuracy);
    assertTrue(Files.isDirectory(tmp.resolve("pipeline/stages")));
    PipelineModel loaded = PipelineModel.load(path);
    double reloaded = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(loaded.transform(MlData.blobs(spark, 300, 43)));
    assertTrue(reloaded >= 0.95, "accuracy of the reloaded pipeline on fresh rows " + reloaded);
    assertEquals(3, loaded.stages().length);
  }
}
