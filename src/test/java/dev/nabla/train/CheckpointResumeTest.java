package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped mid-way and resumed from its newest checkpoint ends exactly as an uninterrupted run. */
class CheckpointResumeTest extends SharedSpark {
  private final Topology topology = Topology.of(new int[] {5, 12, 3}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
  // 4 epochs of ⌈150 / 16⌉ = 10 steps; Adam's moments, a stateful plateau schedule and dropout all in play.
  private final TrainSettings settings = new TrainSettings(topology, Init.HE_NORMAL, 0.01, 16, 4, 21,
      Dropout.uniform(topology, 0.2));
  private final Optimization adamPlateau = new Optimization("adam", OptimizerConfig.DEFAULTS,
      ScheduleConfig.fromFlags(Map.of("lr-schedule", "plateau", "plateau-patience", "1", "lr-decay", "0.5")), 0, 0,
      false, null);
  private JavaSparkContext sc;
  private TrainingSet train;
  private TrainingSet val;

  @BeforeAll
  void data() {
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Example> rows = TrainingFixtures.noisyBlobs(150, 5, 3, 3, 0.2);
    train = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(150, 3), 3);
    val = TrainingFixtures.packed(sc, TrainingFixtures.noisyBlobs(90, 5, 3, 4, 0.2), TrainingFixtures.even(90, 2), 3);
  }

  /** Stops the run (as a killed driver would) when it reaches the given epoch and step. */
  private static TrainingListener crashAt(int epoch, int step) {
    return new TrainingListener() {
      @Override public void onStep(int e, int s, double loss) {
        if (e == epoch && s == step) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  private TrainResult interruptedThenResumed(Checkpoints store, int crashEpoch, int crashStep) {
    assertThrows(IllegalStateException.class, () -> new Trainer(sc).checkpoints(store)
        .fit(train, val, settings, adamPlateau, crashAt(crashEpoch, crashStep)));
    Checkpoint latest = store.latest();
    assertNotNull(latest, "a checkpoint was written before the crash");
    return new Trainer(sc).checkpoints(store).resumeFrom(latest)
        .fit(train, val, settings, adamPlateau, new TrainingListener() { });
  }

  @Test
  void resumingFromAStepCheckpointEndsWithTheUninterruptedParametersBitwise(@TempDir Path dir) throws Exception {
    TrainResult whole = new Trainer(sc).fit(train, val, settings, adamPlateau, new TrainingListener() { });
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 7, false, 2);
    TrainResult resumed = interruptedThenResumed(store, 3, 5);

    assertArrayEquals(whole.params(), resumed.params());
    assertEquals(whole.history().size(), resumed.history().size());
    for (int i = 0; i < whole.history().size(); i++) {
      EpochMetrics a = whole.history().get(i);
      EpochMetrics b = resumed.history().get(i);
      assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (i + 1) + " train loss");
      assertEquals(a.validation(), b.validation(), "epoch " + (i + 1) + " validation");
      assertEquals(a.learningRate(), b.learningRate(), "epoch " + (i + 1) + " learning rate");
    }
    try (var names = Files.list(dir.resolve("ckpt"))) {
      assertEquals(2, names.filter(p -> p.getFileName().toString().startsWith("ckpt-")).count(), "keeps the newest 2");
    }
  }

  @Test
  void resumingFromAnEpochCheckpointEndsWithTheUninterruptedParametersBitwise(@TempDir Path dir) {
    TrainResult whole = new Trainer(sc).fit(train, val, settings, adamPlateau, new TrainingListener() { });
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 1, true, 3);
    TrainResult resumed = interruptedThenResumed(store, 3, 1);
    assertArrayEquals(whole.params(), resumed.params());
  }

  @Test
  void refusesACheckpointOfAnotherRunNamingTheSettingAndBothValues(@TempDir Path dir) {
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 5, false, 1);
    new Trainer(sc).checkpoints(store).fit(train, val, settings, adamPlateau, new TrainingListener() { });
    TrainSettings otherSeed = new TrainSettings(topology, Init.HE_NORMAL, 0.01, 16, 4, 22, settings.dropout());
    RunSettingsTest.assertNames(assertThrows(ResumeMismatchException.class, () -> new Trainer(sc)
        .resumeFrom(store.latest()).fit(train, val, otherSeed, adamPlateau, new TrainingListener() { })), "--seed", "21",
        "22");
  }

  @Test
  void refusesACheckpointWhoseRunHadOtherDataSettings(@TempDir Path dir) {
    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 5, false, 1);
    new Trainer(sc).checkpoints(store).dataSettings(Map.of("--train", "a.libsvm"))
        .fit(train, val, settings, adamPlateau, new TrainingListener() { });
    RunSettingsTest.assertNames(assertThrows(ResumeMismatchException.class, () -> new Trainer(sc)
        .dataSettings(Map.of("--train", "b.libsvm")).resumeFrom(store.latest())
        .fit(train, val, settings, adamPlateau, new TrainingListener() { })), "--train", "a.libsvm", "b.libsvm");
  }
}
