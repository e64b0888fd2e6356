package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Example;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.StepMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/**
 * The step stream (one Spark job kept open across epochs, θ and SUMS over sockets) gives the one-job-per-step run's
 * result bit for bit, and falls back to jobs (still bit for bit) when it cannot run or breaks mid-epoch.
 */
class StepStreamTest extends SharedSpark {
  private static final Topology TOPOLOGY =
      Topology.of(new int[] {5, 16, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);
  private static final int EPOCHS = 3;
  private static final int STEPS = 10; // 160 rows, batch 16

  /**
   * What a fit did: its parameters, its step losses, its messages, how many Spark jobs it ran and its epochs'
   * validation metrics.
   */
  private record Run(double[] params, List<Double> losses, List<String> messages, int jobs,
      List<java.util.Map<String, Double>> validation, List<List<dev.nabla.report.LayerHealth>> health) {
  }

  private Run fit(int partitions, StepEngine engine, Supplier<Trainer> trainer, TrainSettings s, int cancelAtStep) {
    return fit(partitions, engine, trainer, s, cancelAtStep, false, false);
  }

  /** @param validate with a validation set of 3 partitions; @param diagnostics with the per-epoch health probe */
  private Run fit(int partitions, StepEngine engine, Supplier<Trainer> trainer, TrainSettings s, int cancelAtStep,
      boolean validate, boolean diagnostics) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Example> rows = TrainingFixtures.blobs(160, 5, 3, 11);
    TrainingSet train = TrainingFixtures.packed(sc, rows, TrainingFixtures.even(160, partitions), 3);
    TrainingSet val = validate
        ? TrainingFixtures.packed(sc, TrainingFixtures.blobs(90, 5, 3, 12), TrainingFixtures.even(90, 3), 3) : null;
    List<java.util.Map<String, Double>> metrics = new ArrayList<>();
    List<List<dev.nabla.report.LayerHealth>> health = new ArrayList<>();

    AtomicInteger jobs = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override public void onJobStart(SparkListenerJobStart e) {
        jobs.incrementAndGet();
      }

      @Override public void onJobEnd(SparkListenerJobEnd e) {
        ended.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    List<Double> losses = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    try {
      TrainResult r = trainer.get().stepEngine(engine).diagnostics(diagnostics).fit(train, val, s,
          Optimization.of("adam"),
          new TrainingListener() {
            @Override public void onStep(StepMetrics m) {
              losses.add(m.loss());
              if (m.globalStep() == cancelAtStep) {
                // What an executor loss does to the stream's job: it ends, failed, while the driver streams.
                int before = ended.get();
                sc.cancelAllJobs();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (ended.get() == before && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
              }
            }

            @Override public void onMessage(String line) {
              messages.add(line);
            }

            @Override public void onEpoch(EpochMetrics m) {
              metrics.add(m.validation());
              health.add(m.layers());
            }
          });
      return new Run(r.params(), losses, messages, jobs.get(), metrics, health);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
      train.data().release();
      if (val != null) {
        val.data().release();
      }
    }
  }

  private static TrainSettings settings() {
    return new TrainSettings(TOPOLOGY, Init.GLOROT_UNIFORM, 0.01, 16, EPOCHS, 21, Dropout.uniform(TOPOLOGY, 0.2));
  }

  private static void assertSame(Run expected, Run actual) {
    assertArrayEquals(expected.params(), actual.params(), "parameters must be equal bit for bit");
    assertEquals(expected.losses(), actual.losses(), "every step's loss must be equal bit for bit");
  }

  @Test
  void streamEqualsOneJobPerStepWithDropoutAndAdam() {
    Run jobs = fit(2, StepEngine.JOBS, () -> new Trainer(sc()), settings(), -1);
    Run stream = fit(2, StepEngine.STREAM, () -> new Trainer(sc()), settings(), -1);
    assertSame(jobs, stream);
    assertEquals(EPOCHS * STEPS, jobs.jobs(), "one job per step");
    assertEquals(1, stream.jobs(), "one stream job, kept open from one epoch to the next");
    assertTrue(stream.messages().isEmpty(), stream.messages().toString());
  }

  @Test
  void localValidationKeepsTheStreamOpenAndGivesTheSameMetrics() {
    Run jobs = fit(2, StepEngine.JOBS, () -> new Trainer(sc()), settings(), -1, true, false);
    Run stream = fit(2, StepEngine.STREAM, () -> new Trainer(sc()), settings(), -1, true, false);
    assertSame(jobs, stream);
    assertEquals(jobs.validation(), stream.validation(), "every epoch's validation metrics, bit for bit");
    assertEquals(EPOCHS, stream.validation().size());
    assertEquals(EPOCHS * STEPS + EPOCHS, jobs.jobs(), "one job per step and an evaluation job per epoch");
    assertEquals(1, stream.jobs(), "one stream job: no evaluation job, no new stream per epoch");
  }

  @Test
  void theHealthProbeRunsOverTheOpenStreamsPartitionsWithTheJobsResult() {
    Run jobs = fit(2, StepEngine.JOBS, () -> new Trainer(sc()), settings(), -1, true, true);
    Run stream = fit(2, StepEngine.STREAM, () -> new Trainer(sc()), settings(), -1, true, true);
    assertSame(jobs, stream);
    assertEquals(jobs.validation(), stream.validation());
    assertEquals(EPOCHS * STEPS + 2 * EPOCHS, jobs.jobs(), "steps, and an evaluation and a probe job per epoch");
    assertEquals(jobs.health(), stream.health(), "the probe's counts in this JVM are the probe job's");
    assertEquals(EPOCHS, stream.health().size());
    assertEquals(2, stream.health().get(0).size(), "two layers");
    assertEquals(1, stream.jobs(), "one stream job: the evaluation and the probe ran over the stream's partitions");
  }

  @Test
  void streamEqualsOneJobPerStepUnderDpSgd() {
    Supplier<Trainer> dp = () -> new Trainer(sc()).privacy(PrivacyConfig.of(0.5, 1.1, 1e-5));
    Run jobs = fit(2, StepEngine.JOBS, dp, settings(), -1);
    Run stream = fit(2, StepEngine.STREAM, dp, settings(), -1);
    assertSame(jobs, stream);
    assertTrue(stream.jobs() <= EPOCHS, "one job per epoch, got " + stream.jobs());
  }

  @Test
  void morePartitionsThanSlotsRunOneJobPerStepWithTheSameResult() {
    Run jobs = fit(3, StepEngine.JOBS, () -> new Trainer(sc()), settings(), -1);
    Run three = fit(3, StepEngine.STREAM, () -> new Trainer(sc()), settings(), -1);
    assertSame(jobs, three);
    assertEquals(EPOCHS * STEPS, three.jobs());
    assertEquals(1, three.messages().size(), three.messages().toString());
    assertTrue(three.messages().get(0).contains("3 partitions but 2 task slots"), three.messages().get(0));
  }

  @Test
  void aStreamBrokenMidEpochFinishesTheEpochWithJobsAndTheSameResult() {
    Run jobs = fit(2, StepEngine.JOBS, () -> new Trainer(sc()), settings(), -1);
    Run broken = fit(2, StepEngine.STREAM, () -> new Trainer(sc()), settings(), 14);
    assertSame(jobs, broken);
    assertEquals(1, broken.messages().size(), broken.messages().toString());
    assertTrue(broken.messages().get(0).contains("epoch 2 continues with one Spark job per step"),
        broken.messages().get(0));
    assertEquals(2 + (STEPS - 4), broken.jobs(), "epoch 2: steps 15-20 as jobs; a stream for epochs 1-2, one for 3");
  }

  @Test
  void theSparkConfigurationChoosesTheEngineOfRunsThatDoNot() {
    assertEquals(StepEngine.STREAM, StepEngine.fromConf(new SparkConf(false)));
    assertEquals(StepEngine.JOBS, StepEngine.fromConf(new SparkConf(false).set(StepEngine.CONF_KEY, "Jobs")));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> StepEngine.fromConf(new SparkConf(false).set(StepEngine.CONF_KEY, "fast")));
    assertEquals("spark.nabla.stepEngine must be stream or jobs, got 'fast'", e.getMessage());
  }

  private JavaSparkContext sc() {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }
}
