package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.export.OutputExistsException;
import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MllibInteropTest extends SharedSpark {
  private Dataset<Row> train;
  private Dataset<Row> test;
  private MultilayerPerceptronClassificationModel trainedByMllib;

  @TempDir
  Path tmp;

  @BeforeAll
  void data() {
    train = MlData.assembled(MlData.blobs(spark, 240, 3)).select("features", "label").cache();
    test = MlData.assembled(MlData.blobs(spark, 300, 4)).select("features", "label").cache();
    trainedByMllib = new MultilayerPerceptronClassifier().setLayers(new int[] {3, 5, 3}).setMaxIter(40).setSeed(11)
        .fit(train);
  }

  @Test
  void mllibTrainedModelImportsWithIdenticalPredictions() {
    NablaClassificationModel nabla = MllibInterop.fromMllib(trainedByMllib);
    assertEquals("3-5(sigmoid)-3(softmax) cross-entropy", nabla.nablaModel().topology().toString());
    assertSamePredictions(trainedByMllib, nabla, test);
  }

  @Test
  void mllibTrainedModelExportsToOnnxWithMllibsLabelsAndProbabilities() throws Exception {
    Path file = tmp.resolve("mllib.onnx");
    MllibInterop.saveOnnx(trainedByMllib, file.toString(), false);
    OnnxChecks.assertSameClassification(trainedByMllib.transform(test), Files.readAllBytes(file));
    assertThrows(OutputExistsException.class, () -> MllibInterop.saveOnnx(trainedByMllib, file.toString(), false));
  }

  @Test
  void nablaTrainedModelExportsWithIdenticalPredictions() {
    NablaClassificationModel nabla = new NablaClassifier().setActivation("sigmoid").setHiddenLayers(new int[] {6, 4})
        .setOptimizer("adam").setLearningRate(0.05).setBatchSize(60).setEpochs(5).fit(train);
    MultilayerPerceptronClassificationModel mllib = MllibInterop.toMllib(nabla);
    assertArrayEquals(new int[] {3, 6, 4, 3}, mllib.getLayers());
    assertSamePredictions(mllib, nabla, test);
  }

  @Test
  void exportFoldsTheInputScalingIntoTheFirstLayer() throws Exception {
    Topology t = Topology.of(new int[] {3, 4, 3}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    Scaling standard = new Scaling(ScalingKind.STANDARD, new double[] {1, -2, 100}, new double[] {0.5, 2, 0.01});
    Model scaled = new Model(t, Init.GLOROT_UNIFORM.initialize(t, 5), standard, Task.CLASSIFICATION, 3,
        Manifest.create(t, Task.CLASSIFICATION, 3, ScalingKind.STANDARD, 5, Map.of(), Map.of(), 0, Map.of(), Map.of()));
    NablaClassificationModel nabla = NablaClassificationModel.of(scaled);
    MultilayerPerceptronClassificationModel mllib = MllibInterop.toMllib(nabla);
    assertSamePredictions(mllib, nabla, test);
    String path = tmp.resolve("mlp").toString();
    mllib.write().save(path);
    assertSamePredictions(MultilayerPerceptronClassificationModel.load(path), nabla, test);
  }

  @Test
  void refusesToExportReluHiddenLayers() {
    Topology t = Topology.of(new int[] {3, 4, 3}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    Model relu = new Model(t, new double[t.numParams()], Scaling.none(3), Task.CLASSIFICATION, 3,
        Manifest.create(t, Task.CLASSIFICATION, 3, ScalingKind.NONE, 1, Map.of(), Map.of(), 0, Map.of(), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MllibInterop.toMllib(NablaClassificationModel.of(relu)));
    assertTrue(e.getMessage().contains("hidden layer 1 is relu") && e.getMessage().contains("activation sigmoid"),
        e.getMessage());
  }

  /** Labels equal row by row, probabilities within 1e-12. */
  private static void assertSamePredictions(Transformer a, Transformer b, Dataset<Row> df) {
    List<Row> ra = a.transform(df).select("prediction", "probability").collectAsList();
    List<Row> rb = b.transform(df).select("prediction", "probability").collectAsList();
    assertEquals(df.count(), ra.size());
    int classes = 0;
    for (int i = 0; i < ra.size(); i++) {
      assertEquals(ra.get(i).getDouble(0), rb.get(i).getDouble(0), "prediction of row " + i);
      double[] pa = ((Vector) ra.get(i).get(1)).toArray();
      double[] pb = ((Vector) rb.get(i).get(1)).toArray();
      assertArrayEquals(pa, pb, 1e-12, "probabilities of row " + i);
      classes |= 1 << (int) ra.get(i).getDouble(0);
    }
    assertTrue(classes > 1, "the comparison should see more than one predicted class");
  }
}
