package dev.nabla.bench;

import dev.nabla.nn.Init;
import dev.nabla.nn.Topology;
import dev.nabla.report.StepTraffic;
import dev.nabla.train.StepEngine;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Optimization;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Section 3 of the Spark benchmark: what a synchronous step costs when its arithmetic is nearly nil
 * (global batch 8, so 4 columns per task in local[2]), for a ~100k- and a ~1M-parameter network, with
 * each step engine (the default step stream over its tree, the stream as a star (fan-out 0), and one Spark job per
 * step), next to an empty Spark job ({@code count()} of a cached 2-partition RDD). Both are timed the same way, as
 * the wall time between consecutive completions on the driver ({@link StepClock} for the steps). The
 * empty job is timed in three blocks, before, between and after the two networks, and each network is
 * compared with the pooled blocks on either side of it, so that a change in outside load during the
 * run shifts both sides of a ratio alike. A {@link JobProbe} splits each timed block into Spark job time
 * and task phases, and the step's arithmetic is timed on its own (one task's 4 columns, one thread).
 */
final class StepOverhead {
  static final int BATCH = 8;

  private StepOverhead() {
  }

  /**
   * One timed block.
   *
   * @param seconds wall time of each timed step or job
   * @param jobs Spark's view of the same jobs
   * @param traffic what the step stream moved in the timed epoch (null for empty jobs and one job per step)
   */
  record Block(List<Double> seconds, JobProbe.Breakdown jobs, StepTraffic traffic) {
    Block {
      seconds = List.copyOf(seconds);
    }
  }

  /** The two networks: 784-128-10 (the MNIST one) and 784-1024-200-10, sigmoid hidden, softmax output. */
  static List<Topology> models() {
    return List.of(Nets.sigmoid(784, 128, 10), Nets.sigmoid(784, 1024, 200, 10));
  }

  static Section run(JavaSparkContext sc, Mnist mnist, BenchPlan plan, MedianTimer arithmeticTimer, OverheadSite site) {
    int stepsPerEpoch = plan.overheadSteps() + 1;
    TrainingSet data = mnist.trainingSet(Mnist.TRAIN, BATCH * stepsPerEpoch);
    JavaRDD<Integer> tiny = sc.parallelize(List.of(1, 2), 2).persist(StorageLevel.MEMORY_ONLY());
    tiny.count();
    JobProbe probe = new JobProbe(sc.sc());
    List<Topology> models = models();
    List<Block> empty = new ArrayList<>();
    List<Block> stream = new ArrayList<>();
    List<Block> star = new ArrayList<>();
    List<Block> jobs = new ArrayList<>();
    try {
      empty.add(emptyJobs(sc, tiny, plan.emptyJobs(), probe));
      for (Topology t : models) {
        stream.add(steps(sc, data, t, stepsPerEpoch, probe, StepEngine.STREAM, Trainer.DEFAULT_TREE_FANOUT));
        star.add(steps(sc, data, t, stepsPerEpoch, probe, StepEngine.STREAM, 0));
        jobs.add(steps(sc, data, t, stepsPerEpoch, probe, StepEngine.JOBS, Trainer.DEFAULT_TREE_FANOUT));
        empty.add(emptyJobs(sc, tiny, plan.emptyJobs(), probe));
      }
    } finally {
      probe.close();
      tiny.unpersist(false);
      data.data().release();
    }
    List<Double> arithmetic = new ArrayList<>();
    for (Topology t : models) {
      arithmetic.add(arithmeticSeconds(t, arithmeticTimer));
    }
    return StepOverheadReport.section(site, models, empty, stream, star, jobs, arithmetic, data.rows(), stepsPerEpoch,
        plan.emptyJobs());
  }

  /**
   * Step times of epoch 2 of a 2-epoch fit (epoch 1 warms up), with Spark's view of the same jobs and the stream's
   * traffic; {@code fanout} is the tree's k (0: the star).
   */
  private static Block steps(JavaSparkContext sc, TrainingSet data, Topology t, int stepsPerEpoch, JobProbe probe,
      StepEngine engine, int fanout) {
    TrainSettings s = new TrainSettings(t, Init.GLOROT_UNIFORM, 0.1, BATCH, 2, CoreBench.SEED);
    StepClock clock = new StepClock(1);
    new Trainer(sc).shuffleWindow(Mnist.WINDOW).stepEngine(engine).treeFanout(fanout).fit(data, null, s, Optimization.sgd(), clock);
    Stats stats = clock.steps();
    if (stats.count() != stepsPerEpoch - 1) {
      throw new IllegalStateException("timed " + stats.count() + " steps of " + t + ", expected " + (stepsPerEpoch - 1)
          + ": the Trainer ran a different number of steps per epoch than ⌈rows / batch⌉");
    }
    return new Block(clock.stepSeconds(), probe.between(clock.timedFromMillis(), System.currentTimeMillis() + 1),
        clock.epochs().get(1).traffic());
  }

  /** Seconds between consecutive completions of {@code timed} count() jobs, after a few untimed ones. */
  private static Block emptyJobs(JavaSparkContext sc, JavaRDD<Integer> tiny, int timed, JobProbe probe) {
    sc.setJobDescription("bench empty job");
    for (int i = 0; i < Math.max(5, timed / 5); i++) {
      tiny.count();
    }
    List<Double> seconds = new ArrayList<>(timed);
    long from = System.currentTimeMillis();
    long last = System.nanoTime();
    for (int i = 0; i < timed; i++) {
      tiny.count();
      long now = System.nanoTime();
      seconds.add((now - last) / 1e9);
      last = now;
    }
    long to = System.currentTimeMillis() + 1;
    sc.setJobDescription(null);
    return new Block(seconds, probe.between(from, to), null);
  }

  /** CPU seconds of one task's share of a step (forward+backward of BATCH / 2 columns), one thread. */
  private static double arithmeticSeconds(Topology t, MedianTimer timer) {
    int cols = BATCH / 2;
    double[][] batch = CoreBench.batch(t, cols, CoreBench.SEED);
    double[] params = Init.GLOROT_UNIFORM.initialize(t, CoreBench.SEED);
    return timer.time(CoreBench.step(t, params, batch[0], batch[1], cols)).cpuSeconds();
  }
}
