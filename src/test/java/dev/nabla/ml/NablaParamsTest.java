package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import dev.nabla.train.TrainDefaults;
import java.nio.file.Path;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, validation when a value is set, checks when fit starts, copy and estimator persistence. */
class NablaParamsTest extends SharedSpark {
  private Dataset<Row> data;

  @TempDir
  Path tmp;

  @BeforeAll
  void data() {
    data = MlData.assembled(MlData.blobs(spark, 30, 1)).cache();
  }

  @Test
  void defaultsAreTheShippedTrainDefaultsAndTheDocumentedOnes() {
    NablaClassifier c = new NablaClassifier();
    TrainDefaults d = TrainDefaults.SHIPPED;
    assertArrayEquals(new int[] {10}, c.getHiddenLayers());
    assertEquals(d.activation(), c.getActivation());
    assertEquals(d.init(), c.getInit());
    assertEquals(d.optimizer(), c.getOptimizer());
    assertEquals(d.learningRate(), c.getLearningRate());
    assertEquals(d.batchSize(), c.getBatchSize());
    assertEquals(d.epochs(), c.getEpochs());
    assertEquals(d.seed(), c.getSeed());
    assertEquals(d.l1(), c.getL1());
    assertEquals(d.l2(), c.getL2());
    assertEquals(0, c.getDropout().length);
    assertEquals(d.lrSchedule(), c.getLrSchedule());
    assertEquals(d.warmupSteps(), c.getWarmupSteps());
    assertFalse(c.isDefined(c.layers()));
    assertFalse(c.isDefined(c.momentum()));
    assertEquals("features", c.getFeaturesCol());
    assertEquals("probability", c.getProbabilityCol());
  }

  @Test
  void sparkSeesEveryNablaParamWithItsDoc() {
    String explained = new NablaRegressor().explainParams();
    for (String name : new String[] {"layers", "hiddenLayers", "activation", "init", "optimizer", "learningRate",
        "batchSize", "epochs", "seed", "l1", "l2", "dropout", "lrSchedule", "lrDecay", "lrStep", "lrMin", "warmupSteps",
        "momentum", "beta1", "beta2", "epsilon", "weightDecay", "rho", "clipNorm", "clipValue", "verbose",
        "featuresCol", "labelCol", "predictionCol"}) {
      assertTrue(explained.contains(name + ": "), name + " missing from\n" + explained);
    }
  }

  @Test
  void rejectsZeroEpochs() {
    assertRejected(() -> new NablaClassifier().setEpochs(0), "epochs must be an integer ≥ 1, got 0");
  }

  @Test
  void rejectsNegativeLearningRate() {
    assertRejected(() -> new NablaRegressor().setLearningRate(-0.1), "learningRate must be a finite number > 0, got -0.1");
  }

  @Test
  void rejectsUnknownOptimizerListingTheValidOnes() {
    assertRejected(() -> new NablaClassifier().setOptimizer("adamax"),
        "optimizer must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, got 'adamax'");
  }

  @Test
  void rejectsSoftmaxAsHiddenActivation() {
    assertRejected(() -> new NablaClassifier().setActivation("softmax"), "activation: softmax can only be an output");
  }

  @Test
  void rejectsUnknownInit() {
    assertRejected(() -> new NablaClassifier().setInit("zeros"), "init: ");
  }

  @Test
  void rejectsThePlateauScheduleWhichWouldNeverReduce() {
    assertRejected(() -> new NablaClassifier().setLrSchedule("plateau"),
        "lrSchedule must be one of constant, step, exponential, inverse-time, cosine, got 'plateau'");
  }

  @Test
  void rejectsDropoutRateOfOne() {
    assertRejected(() -> new NablaClassifier().setDropout(new double[] {1.0}), "dropout must be rates in [0, 1)");
  }

  @Test
  void rejectsZeroHiddenLayerSize() {
    assertRejected(() -> new NablaClassifier().setHiddenLayers(new int[] {8, 0}),
        "hiddenLayers must be positive sizes, e.g. [16, 8], got [8, 0]");
  }

  @Test
  void rejectsBadValuesGivenThroughAParamMapToo() {
    NablaClassifier c = new NablaClassifier();
    assertRejected(() -> c.copy(new ParamMap().put(c.batchSize(), 0)), "batchSize must be an integer ≥ 1, got 0");
  }

  @Test
  void fitRejectsLayersThatDoNotMatchTheData() {
    assertRejected(() -> new NablaClassifier().setLayers(new int[] {5, 4, 3}).fit(data),
        "layers [5, 4, 3] must start with the feature count 3 and end with 3 classes");
  }

  @Test
  void fitRejectsAnOptimizerSettingTheOptimizerDoesNotUse() {
    assertRejected(() -> new NablaClassifier().setOptimizer("sgd").setBeta1(0.8).fit(data),
        "beta1 is not used by sgd");
  }

  @Test
  void fitRejectsOneDropoutRateTooMany() {
    assertRejected(() -> new NablaClassifier().setHiddenLayers(new int[] {4}).setDropout(new double[] {0.1, 0.2})
        .fit(data), "dropout [0.1, 0.2] does not fit layers [3, 4, 3]");
  }

  @Test
  void fitRejectsAFractionalClassLabel() {
    Dataset<Row> bad = data.withColumn("label", org.apache.spark.sql.functions.lit(0.5));
    Exception e = assertThrows(Exception.class, () -> new NablaClassifier().fit(bad));
    assertTrue(String.valueOf(e.getMessage()).contains("0.5"), e.getMessage());
  }

  @Test
  void copyKeepsTheUidAndAppliesTheExtraValuesOnly() {
    NablaClassifier c = new NablaClassifier().setEpochs(3).setHiddenLayers(new int[] {7, 5});
    NablaClassifier d = c.copy(new ParamMap().put(c.learningRate(), 0.02));
    assertNotSame(c, d);
    assertEquals(c.uid(), d.uid());
    assertEquals(3, d.getEpochs());
    assertArrayEquals(new int[] {7, 5}, d.getHiddenLayers());
    assertEquals(0.02, d.getLearningRate());
    assertEquals(dev.nabla.train.TrainDefaults.SHIPPED.learningRate(), c.getLearningRate());
  }

  @Test
  void savedEstimatorLoadsWithItsParams() throws Exception {
    NablaRegressor r = new NablaRegressor().setLayers(new int[] {3, 6, 1}).setOptimizer("momentum").setMomentum(0.8)
        .setLrSchedule("step").setLrDecay(0.5).setClipNorm(2.0).setLabelCol("y");
    String path = tmp.resolve("regressor").toString();
    r.write().save(path);
    NablaRegressor loaded = NablaRegressor.load(path);
    assertEquals(r.uid(), loaded.uid());
    assertArrayEquals(new int[] {3, 6, 1}, loaded.getLayers());
    assertEquals(0.8, loaded.getMomentum());
    assertEquals("step", loaded.getLrSchedule());
    assertEquals(0.5, loaded.getLrDecay());
    assertEquals(2.0, loaded.getClipNorm());
    assertEquals("y", loaded.getLabelCol());
    assertFalse(loaded.isSet(loaded.beta1()));
  }

  private static void assertRejected(Executable action, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
  }
}
