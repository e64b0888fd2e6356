package dev.nabla.bench;

import dev.nabla.nn.Init;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Sgd;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Section 3 of the Spark benchmark: what a synchronous step costs when its arithmetic is nearly nil
 * (global batch 8, so 4 columns per task in local[2]), for a ~100k- and a ~1M-parameter network, next
 * to an empty Spark job ({@code count()} of a cached 2-partition RDD). Both are timed the same way, as
 * the wall time between consecutive completions on the driver ({@link StepClock} for the steps). The
 * empty job is timed in three blocks, before, between and after the two networks, and each network is
 * compared with the pooled blocks on either side of it, so that a change in outside load during the
 * run shifts both sides of a ratio alike.
 */
final class StepOverhead {
  static final int BATCH = 8;
  private static final double[] TARGETS = {1.5, 2.5};

  private StepOverhead() {
  }

  /** The two networks: 784-128-10 (the MNIST one) and 784-1024-200-10, sigmoid hidden, softmax output. */
  static List<Topology> models() {
    return List.of(Nets.sigmoid(784, 128, 10), Nets.sigmoid(784, 1024, 200, 10));
  }

  static Section run(JavaSparkContext sc, Mnist mnist, BenchPlan plan) {
    int stepsPerEpoch = plan.overheadSteps() + 1;
    TrainingSet data = mnist.trainingSet(Mnist.TRAIN, BATCH * stepsPerEpoch);
    JavaRDD<Integer> tiny = sc.parallelize(List.of(1, 2), 2).persist(StorageLevel.MEMORY_ONLY());
    tiny.count();
    List<Topology> models = models();
    List<List<Double>> empty = new ArrayList<>();
    List<Stats> steps = new ArrayList<>();
    empty.add(emptyJobs(sc, tiny, plan.emptyJobs()));
    for (Topology t : models) {
      steps.add(steps(sc, data, t, stepsPerEpoch));
      empty.add(emptyJobs(sc, tiny, plan.emptyJobs()));
    }
    tiny.unpersist(false);
    data.blocks().unpersist(false);

    Section out = new Section("step_overhead", "3. Per-step overhead at batch " + BATCH + " (local[2], " + data.rows() + " rows, "
        + stepsPerEpoch + " steps per epoch, epoch 1 untimed)", "measurement", "parameters", "timed", "mean",
        "median", "p90", "median / empty job median", "target", "met");
    List<Double> all = new ArrayList<>();
    empty.forEach(all::addAll);
    Stats emptyAll = Stats.of(all);
    out.row("empty Spark job: count() of a cached 2-partition RDD", "", emptyAll.count(), Section.ms(emptyAll.mean()),
        Section.ms(emptyAll.median()), Section.ms(emptyAll.p90()), "1.00", "", "");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("empty_job", emptyAll.toJsonMillis());
    for (int i = 0; i < models.size(); i++) {
      Topology t = models.get(i);
      List<Double> around = new ArrayList<>(empty.get(i));
      around.addAll(empty.get(i + 1));
      Stats reference = Stats.of(around);
      Stats s = steps.get(i);
      double ratio = s.median() / reference.median();
      out.row("Nabla step, " + Nets.name(t), t.numParams(), s.count(), Section.ms(s.mean()), Section.ms(s.median()),
          Section.ms(s.p90()), Section.num("%.2f", ratio), "≤ " + TARGETS[i], ratio <= TARGETS[i] ? "yes" : "no");
      Map<String, Object> m = s.toJsonMillis();
      m.put("topology", Nets.name(t));
      m.put("parameters", t.numParams());
      m.put("empty_job_median_ms_around", reference.median() * 1e3);
      m.put("ratio_to_empty_job", ratio);
      m.put("target_ratio", TARGETS[i]);
      m.put("met", ratio <= TARGETS[i]);
      json.put(i == 0 ? "step_100k" : "step_1m", m);
      out.verdict("(3) step at batch " + BATCH + ", " + Nets.name(t) + " ≤ " + TARGETS[i] + "× empty job",
          Section.num("%.2f×", ratio) + " (" + Section.ms(s.median()) + " vs " + Section.ms(reference.median()) + ")",
          ratio <= TARGETS[i]);
    }
    out.note("Step time: wall time between the ends of consecutive steps on the driver (broadcast, the step's Spark "
        + "job, summing, the update); the first step of each epoch is not timed. Empty job: the same clock around "
        + "back-to-back count() calls, timed in " + empty.size() + " blocks of " + plan.emptyJobs() + " (before, between "
        + "and after the networks); each ratio divides by the median of the two blocks around that network.");
    out.put("batch", BATCH);
    out.put("results", json);
    return out;
  }

  /** Median-ready step times of epoch 2 of a 2-epoch fit (epoch 1 warms up). */
  private static Stats steps(JavaSparkContext sc, TrainingSet data, Topology t, int stepsPerEpoch) {
    TrainSettings s = new TrainSettings(t, Init.GLOROT_UNIFORM, 0.1, BATCH, 2, CoreBench.SEED);
    StepClock clock = new StepClock(1);
    new Trainer(sc).fit(data, null, s, new Sgd(), clock);
    Stats stats = clock.steps();
    if (stats.count() != stepsPerEpoch - 1) {
      throw new IllegalStateException("timed " + stats.count() + " steps of " + t + ", expected " + (stepsPerEpoch - 1)
          + ": the Trainer ran a different number of steps per epoch than ⌈rows / batch⌉");
    }
    return stats;
  }

  /** Seconds between consecutive completions of {@code timed} count() jobs, after a few untimed ones. */
  private static List<Double> emptyJobs(JavaSparkContext sc, JavaRDD<Integer> tiny, int timed) {
    sc.setJobDescription("bench empty job");
    for (int i = 0; i < Math.max(5, timed / 5); i++) {
      tiny.count();
    }
    List<Double> seconds = new ArrayList<>(timed);
    long last = System.nanoTime();
    for (int i = 0; i < timed; i++) {
      tiny.count();
      long now = System.nanoTime();
      seconds.add((now - last) / 1e9);
      last = now;
    }
    sc.setJobDescription(null);
    return seconds;
  }
}
