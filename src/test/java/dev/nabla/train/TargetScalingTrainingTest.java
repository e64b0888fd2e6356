package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.RegressionMetrics;
import dev.nabla.nn.Identity;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Topology;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on standardized regression targets: on a diabetes-shaped problem (target mean 150, standard deviation
 * about 72) the shipped defaults learn in a few epochs where raw targets diverge or crawl; what is reported and
 * returned is in data units; resume and the step engines stay exact.
 */
class TargetScalingTrainingTest extends SharedSpark {
  private static final int D = 10;
  private final Topology topology = Topology.of(new int[] {D, 16, 1}, new Relu(), new Identity(), Loss.QUADRATIC);
  private final TargetScalingKind shippedDefault = TargetScalingKind.defaultFor(true, topology, false);
  private JavaSparkContext sc;
  private TrainingSet train;
  private TrainingSet heldOut;

  @BeforeAll
  void data() {
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    train = TrainingFixtures.packed(sc, TrainingFixtures.diabetesLike(400, D, 1), TrainingFixtures.even(400, 2), 1,
        false);
    heldOut = TrainingFixtures.packed(sc, TrainingFixtures.diabetesLike(200, D, 2), TrainingFixtures.even(200, 2), 1,
        false);
  }

  /** The CLI's defaults (sgd, η 0.1, batch 64) but for the epochs and the target scaling. */
  private TrainSettings settings(TargetScalingKind kind, int epochs) {
    return new TrainSettings(topology, Init.HE_NORMAL, 0.1, 64, epochs, 1, null, kind);
  }

  private RegressionMetrics metrics(TrainingSet set, double[] params) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return Evaluation.regression(set, bc, topology);
    } finally {
      bc.destroy();
    }
  }

  private static TrainResult fit(Trainer trainer, TrainingSet train, TrainingSet val, TrainSettings s, String optimizer,
      double rate) {
    TrainSettings at = new TrainSettings(s.topology(), s.init(), rate, s.batchSize(), s.epochs(), s.seed(), s.dropout(),
        s.targetScaling());
    return trainer.fit(train, val, at, Optimization.of(optimizer), new TrainingListener() { });
  }

  @Test
  void theDefaultsLearnADiabetesShapedProblemInAFewEpochs() {
    assertEquals(TargetScalingKind.STANDARD, shippedDefault);
    TrainResult r = fit(new Trainer(sc), train, null, settings(shippedDefault, 10), "sgd", 0.1);
    RegressionMetrics m = metrics(heldOut, r.params());
    assertTrue(m.r2() >= 0.8, "held-out R² after 10 epochs of SGD on standardized targets: " + m.r2());
  }

  /**
   * Why raw targets train badly: the gradient of ½(a − y)² is (a − y) ≈ 150 at the start, so SGD's steps are 150
   * times larger than on standardized targets and η 0.1 overshoots; Adam's steps are about η whatever the gradient,
   * so its output bias needs about 150/η steps to reach the targets' mean.
   */
  @Test
  void rawTargetsDivergeUnderSgdAndCrawlUnderAdam() {
    assertThrows(DivergenceException.class,
        () -> fit(new Trainer(sc), train, null, settings(TargetScalingKind.NONE, 5), "sgd", 0.1));
    double raw = metrics(heldOut, fit(new Trainer(sc), train, null, settings(TargetScalingKind.NONE, 10), "adam", 0.01)
        .params()).r2();
    double standardized = metrics(heldOut, fit(new Trainer(sc), train, null, settings(TargetScalingKind.STANDARD, 10),
        "adam", 0.01).params()).r2();
    assertTrue(standardized >= 0.8, "Adam η 0.01 on standardized targets: R² " + standardized);
    assertTrue(raw < 0, "Adam η 0.01 on raw targets: R² " + raw);
  }

  @Test
  void theReportedTrainingLossIsTheMeanQuadraticLossInDataUnits() {
    // one step per epoch (batch = all rows): the epoch's loss is that of the initial parameters on every row
    TrainSettings s = new TrainSettings(topology, Init.HE_NORMAL, 0.1, 400, 1, 3, null, TargetScalingKind.STANDARD);
    double[] initial = s.init().initialize(topology, s.initSeed());
    TargetScaling targets = TargetScaling.fit(train);
    assertTrue(targets.scale() > 50 && Math.abs(targets.mean()[0] - 150) < 15, targets.toString());
    double expected = metrics(train, targets.fold(topology, initial)).meanLoss();

    TrainResult r = new Trainer(sc).fit(train, null, s, Optimization.of("sgd"), new TrainingListener() { });
    assertEquals(expected, r.history().get(0).trainLoss(), 1e-12 * expected);
  }

  @Test
  void theResultAndEarlyStoppingsBestAreInDataUnits() {
    TrainResult r = new Trainer(sc).earlyStopping(new EarlyStopping("r2", 2, 0))
        .fit(train, heldOut, settings(TargetScalingKind.STANDARD, 10), Optimization.of("sgd"), new TrainingListener() { });
    RegressionMetrics m = metrics(heldOut, r.params());
    double reported = r.history().get(r.keptEpoch() - 1).validation().get("r2");
    assertEquals(reported, m.r2(), 0.0, "the kept parameters score what their epoch reported");
    assertTrue(m.r2() >= 0.8, "R² " + m.r2());
    assertEquals(m.meanLoss(), r.history().get(r.keptEpoch() - 1).validation().get("loss"), 0.0);
  }

  @Test
  void resumingWithTheSettingUnchangedIsBitwiseTheUninterruptedRunAndChangedIsRefused(@TempDir Path dir) {
    TrainSettings s = settings(TargetScalingKind.STANDARD, 3);
    Optimization adam = Optimization.of("adam");
    TrainResult whole = new Trainer(sc).fit(train, heldOut, s, adam, new TrainingListener() { });

    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 4, false, 2);
    TrainingListener crash = new TrainingListener() {
      @Override public void onStep(int epoch, int step, double loss) {
        if (epoch == 2 && step == 6) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(sc).checkpoints(store).fit(train, heldOut, s, adam,
        crash));
    Checkpoint latest = store.latest();
    assertNotNull(latest);

    ResumeMismatchException e = assertThrows(ResumeMismatchException.class, () -> new Trainer(sc).resumeFrom(latest)
        .fit(train, heldOut, settings(TargetScalingKind.NONE, 3), adam, new TrainingListener() { }));
    assertEquals("--scale-target", e.setting(), e.getMessage());
    assertEquals("standard", e.checkpointValue(), e.getMessage());
    assertEquals("none", e.runValue(), e.getMessage());

    TrainResult resumed = new Trainer(sc).checkpoints(store).resumeFrom(latest)
        .fit(train, heldOut, s, adam, new TrainingListener() { });
    TrainingFixtures.assertSameRun(whole, resumed);
  }

  @Test
  void theStepEnginesAgreeBitwiseAndSparseGathersAgreeToRounding() {
    TrainSettings s = settings(TargetScalingKind.STANDARD, 2);
    TrainResult stream = fit(new Trainer(sc).stepEngine(StepEngine.STREAM), train, null, s, "adam", 0.01);
    TrainResult jobs = fit(new Trainer(sc).stepEngine(StepEngine.JOBS), train, null, s, "adam", 0.01);
    assertArrayEquals(stream.params(), jobs.params());

    TrainingSet sparse = new TrainingSet(train.data().withSparse(true));
    TrainResult fromSparse = fit(new Trainer(sc), sparse, null, s, "adam", 0.01);
    for (int i = 0; i < stream.params().length; i++) {
      assertEquals(stream.params()[i], fromSparse.params()[i], 1e-9 * Math.max(1, Math.abs(stream.params()[i])));
    }
  }

  @Test
  void float32PrecisionAndDpSgdTrainOnStandardizedTargetsToo() {
    TrainResult f32 = fit(new Trainer(sc).precision(dev.nabla.nn.Precision.FLOAT32), train, null,
        settings(TargetScalingKind.STANDARD, 10), "sgd", 0.1);
    double r2 = metrics(heldOut, f32.params()).r2();
    assertTrue(r2 >= 0.8, "float32: R² " + r2);

    TrainResult dp = fit(new Trainer(sc).privacy(dev.nabla.privacy.PrivacyConfig.of(1, 0.5, 1e-4)), train, null,
        settings(TargetScalingKind.STANDARD, 5), "sgd", 0.1);
    RegressionMetrics m = metrics(heldOut, dp.params());
    // the folded output bias carries μ: without it the predictions would start near 0, 150 below the targets
    assertTrue(m.r2() > 0.3, "DP-SGD (C 1, σ 0.5) on standardized targets: R² " + m.r2());
  }

  @Test
  void lbfgsTrainsOnStandardizedTargetsAndReportsInDataUnits() {
    TrainSettings s = settings(TargetScalingKind.STANDARD, 30);
    TrainResult r = new dev.nabla.train.lbfgs.LbfgsTrainer(sc).fit(train, heldOut, s, 10, 1e-9,
        new TrainingListener() { });
    RegressionMetrics onTrain = metrics(train, r.params());
    double last = r.history().get(r.history().size() - 1).trainLoss();
    assertEquals(onTrain.meanLoss(), last, 1e-9 * last, "the last iterate's loss, in data units");
    double r2 = metrics(heldOut, r.params()).r2();
    assertTrue(r2 >= 0.8, "L-BFGS: R² " + r2);
  }
}
