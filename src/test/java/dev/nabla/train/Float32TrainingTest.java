package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.ClassificationMetrics;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs at float32 products: with dropout and Adam a checkpointed run resumes to the uninterrupted run's bits,
 * DP-SGD's per-sample clipping works and repeats, and the accuracy is the float64 run's.
 */
class Float32TrainingTest extends SharedSpark {
  private static final int D = 12;
  private static final int K = 3;
  private final Topology topology = Topology.of(new int[] {D, 24, K}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private JavaSparkContext sc;
  private TrainingSet train;
  private TrainingSet heldOut;

  @BeforeAll
  void data() {
    sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    train = TrainingFixtures.packed(sc, TrainingFixtures.noisyBlobs(600, D, K, 1, 0.05), TrainingFixtures.even(600, 3),
        K);
    heldOut = TrainingFixtures.packed(sc, TrainingFixtures.noisyBlobs(300, D, K, 2, 0.05),
        TrainingFixtures.even(300, 2), K);
  }

  private TrainSettings settings(int epochs, Dropout dropout) {
    return new TrainSettings(topology, Init.GLOROT_UNIFORM, 0.01, 32, epochs, 7, dropout);
  }

  private double accuracy(double[] params) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      ClassificationMetrics m = Evaluation.classification(heldOut, bc, topology);
      return m.accuracy();
    } finally {
      bc.destroy();
    }
  }

  @Test
  void aCheckpointedFloat32RunWithDropoutResumesToTheUninterruptedRunsBits(@TempDir Path dir) {
    TrainSettings s = settings(3, Dropout.uniform(topology, 0.2));
    Optimization adam = Optimization.of("adam");
    TrainResult whole = new Trainer(sc).precision(Precision.FLOAT32).fit(train, heldOut, s, adam,
        new TrainingListener() { });
    TrainResult at64 = new Trainer(sc).fit(train, heldOut, s, adam, new TrainingListener() { });
    assertFalse(Arrays.equals(whole.params(), at64.params()), "float32 products change the bits");

    Checkpoints store = new Checkpoints(dir.resolve("ckpt").toUri().toString(), new Configuration(), 5, false, 2);
    TrainingListener crash = new TrainingListener() {
      @Override public void onStep(int epoch, int step, double loss) {
        if (epoch == 1 && step == 11) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(sc).precision(Precision.FLOAT32).checkpoints(store)
        .fit(train, heldOut, s, adam, crash));
    Checkpoint latest = store.latest();
    assertNotNull(latest);

    ResumeMismatchException e = assertThrows(ResumeMismatchException.class, () -> new Trainer(sc).resumeFrom(latest)
        .fit(train, heldOut, s, adam, new TrainingListener() { }));
    assertEquals("precision", e.setting(), e.getMessage());

    TrainResult resumed = new Trainer(sc).precision(Precision.FLOAT32).resumeFrom(latest).fit(train, heldOut, s, adam,
        new TrainingListener() { });
    TrainingFixtures.assertSameRun(whole, resumed);
  }

  @Test
  void dpSgdClipsPerSampleAtFloat32AndRepeatsBitForBit() {
    PrivacyConfig p = PrivacyConfig.of(1, 0.6, 1e-4);
    TrainSettings s = settings(4, null);
    TrainResult a = new Trainer(sc).precision(Precision.FLOAT32).privacy(p).fit(train, null, s, Optimization.of("adam"),
        new TrainingListener() { });
    TrainResult b = new Trainer(sc).precision(Precision.FLOAT32).privacy(p).fit(train, null, s, Optimization.of("adam"),
        new TrainingListener() { });
    assertArrayEquals(a.params(), b.params());
    double acc = accuracy(a.params());
    assertTrue(acc >= 0.8, "DP-SGD at float32 on separable blobs: accuracy " + acc);
  }

  @Test
  void float32ReachesTheFloat64AccuracyAndLoss() {
    TrainSettings s = settings(6, null);
    TrainResult f32 = new Trainer(sc).precision(Precision.FLOAT32).fit(train, heldOut, s, Optimization.of("adam"),
        new TrainingListener() { });
    TrainResult f64 = new Trainer(sc).fit(train, heldOut, s, Optimization.of("adam"), new TrainingListener() { });
    double a32 = accuracy(f32.params());
    double a64 = accuracy(f64.params());
    assertTrue(a64 >= 0.9, "float64 accuracy " + a64);
    assertEquals(a64, a32, 0.01, "held-out accuracy at float32 vs float64");
    double l32 = f32.history().get(5).trainLoss();
    double l64 = f64.history().get(5).trainLoss();
    assertEquals(l64, l32, 0.01 * l64, "last epoch's training loss at float32 vs float64");
  }
}
