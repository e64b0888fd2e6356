package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Identity;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The Spark ML models around a Nabla {@link Model}, e.g. one that {@code nabla train} saved with its scaling. */
class NablaModelsTest extends SharedSpark {

  @Test
  void wrappedModelPredictsExactlyWhatTheNablaModelPredicts() {
    Model m = model(Task.CLASSIFICATION, new int[] {3, 5, 3}, new Softmax(), Loss.CROSS_ENTROPY, 3);
    Dataset<Row> df = MlData.assembled(MlData.blobs(spark, 60, 9)).select("features");
    List<Row> core = m.transform(df, "features").select("prediction", "probability").collectAsList();
    List<Row> wrapped = NablaClassificationModel.of(m).transform(df).select("prediction", "probability")
        .collectAsList();
    assertEquals(core, wrapped);
  }

  @Test
  void regressionModelPredictsTheFirstOutput() {
    Model m = model(Task.REGRESSION, new int[] {3, 4, 1}, new Identity(), Loss.QUADRATIC, 0);
    Vector x = Vectors.dense(0.5, -1, 120);
    assertEquals(m.predict(x.toArray(), 1)[0], NablaRegressionModel.of(m).predict(x));
  }

  @Test
  void classificationWrapperRefusesARegressionModel() {
    Model m = model(Task.REGRESSION, new int[] {3, 4, 1}, new Identity(), Loss.QUADRATIC, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NablaClassificationModel.of(m));
    assertTrue(e.getMessage().contains("needs the classification task with a softmax output"), e.getMessage());
  }

  @Test
  void regressionWrapperRefusesAClassificationModel() {
    Model m = model(Task.CLASSIFICATION, new int[] {3, 5, 3}, new Softmax(), Loss.CROSS_ENTROPY, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NablaRegressionModel.of(m));
    assertTrue(e.getMessage().contains("its task is classification; wrap classifiers in NablaClassificationModel"),
        e.getMessage());
  }

  @Test
  void refusesAFeaturesVectorOfTheWrongSize() {
    Model m = model(Task.CLASSIFICATION, new int[] {3, 5, 3}, new Softmax(), Loss.CROSS_ENTROPY, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NablaClassificationModel.of(m).predictRaw(Vectors.dense(1, 2)));
    assertTrue(e.getMessage().contains("a features vector has 2 entries but the model's input layer has n_0 = 3"),
        e.getMessage());
  }

  @Test
  void probabilitiesOfASoftmaxModelSumToOne() {
    Model m = model(Task.CLASSIFICATION, new int[] {3, 5, 3}, new Softmax(), Loss.CROSS_ENTROPY, 3);
    Vector raw = NablaClassificationModel.of(m).predictRaw(Vectors.dense(0.3, 2, -50));
    double sum = 0;
    for (double p : raw.toArray()) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-12);
    assertArrayEquals(raw.toArray(), NablaClassificationModel.of(m).raw2probability(raw).toArray());
  }

  /** A seeded tanh network with a standard scaling, as {@code nabla train --scale standard} would save it. */
  private static Model model(Task task, int[] sizes, dev.nabla.nn.Activation out, Loss loss, int classes) {
    Topology t = Topology.of(sizes, new Tanh(), out, loss);
    Scaling s = new Scaling(ScalingKind.STANDARD, new double[] {1, 1, 0}, new double[] {0.5, 0.5, 0.01});
    return new Model(t, Init.GLOROT_UNIFORM.initialize(t, 4), s, task, classes,
        Manifest.create(t, task, classes, ScalingKind.STANDARD, 4, Map.of(), Map.of(), 0, Map.of(), Map.of()));
  }
}
