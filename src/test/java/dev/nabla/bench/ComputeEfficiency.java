package dev.nabla.bench;

import dev.nabla.nn.Gemm;
import dev.nabla.nn.Init;
import dev.nabla.nn.Topology;
import dev.nabla.report.EpochMetrics;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Optimization;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Section 4 of the Spark benchmark: Nabla's training throughput at a large batch, where arithmetic
 * dominates, as GFLOP/s = 6 · P · samples/s (P parameters; the usual convention, see docs/performance.md),
 * next to what the same BLAS does on the same two cores: two threads each timing single-threaded n×n×n
 * dgemm at the same time ({@link CoreBench#gemm} timed by {@link MedianTimer}, wall clock), before and
 * after the training, compared with their mean. Throughput is the samples/s of the second epoch of a
 * two-epoch fit ({@link EpochMetrics#samplesPerSecond()}: its samples over its step time; the first
 * epoch warms up).
 */
final class ComputeEfficiency {
  private static final double TARGET = 0.5;

  private ComputeEfficiency() {
  }

  static Section run(JavaSparkContext sc, Mnist mnist, BenchPlan plan, MedianTimer timer) {
    Topology t = Nets.sigmoid(plan.computeSizes());
    int batch = plan.computeBatch();
    int n = plan.dgemmSize();
    TrainingSet data = mnist.trainingSet(Mnist.TRAIN, batch * plan.computeSteps());
    if (data.rows() != (long) batch * plan.computeSteps()) {
      throw new IllegalStateException("compute section needs " + batch * plan.computeSteps() + " MNIST rows, got "
          + data.rows() + "; lower computeBatch or computeSteps");
    }
    double before = dgemmGflops(n, 2, timer);
    TrainSettings s = new TrainSettings(t, Init.GLOROT_UNIFORM, 0.1, batch, 2, CoreBench.SEED);
    StepClock clock = new StepClock(1);
    new Trainer(sc).fit(data, null, s, Optimization.sgd(), clock);
    double after = dgemmGflops(n, 2, timer);
    data.data().release();

    EpochMetrics measured = clock.epochs().get(1);
    double samplesPerSecond = measured.samplesPerSecond();
    double gflops = 6.0 * t.numParams() * samplesPerSecond / 1e9;
    double dgemm = (before + after) / 2;
    double ratio = gflops / dgemm;
    Section out = new Section("compute", "4. Compute efficiency at batch " + batch + " (" + Nets.name(t) + ", "
        + t.numParams() + " parameters, local[2])", "measurement", "samples/s", "GFLOP/s", "ratio to dgemm",
        "target", "met");
    out.row("Nabla training, epoch 2 of 2 (" + plan.computeSteps() + " steps)", Section.num("%.0f", samplesPerSecond),
        Section.num("%.1f", gflops), Section.num("%.0f%%", 100 * ratio), "≥ 50%", ratio >= TARGET ? "yes" : "no");
    out.row("dgemm " + n + "³, 2 threads × 1 BLAS thread, before / after", "",
        Section.num("%.1f", before) + " / " + Section.num("%.1f", after), "100%", "", "");
    out.note("GFLOP/s of training = 6 · " + t.numParams() + " · samples/s (forward, BP2 and BP4 at 2 FLOPs per weight "
        + "and sample; the first layer's BP2 is skipped, so the real GEMM work is a little less). dgemm = 2n³ / wall "
        + "time per call, summed over two concurrent threads (" + Gemm.implementation() + ", median of "
        + timer.repetitions() + " repetitions per thread); the ratio is to the mean of before and after.");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topology", Nets.name(t));
    json.put("parameters", t.numParams());
    json.put("batch", batch);
    json.put("steps_timed", plan.computeSteps());
    json.put("samples_per_s", samplesPerSecond);
    json.put("gflops", gflops);
    json.put("dgemm_n", n);
    json.put("dgemm_gflops_2_threads_before", before);
    json.put("dgemm_gflops_2_threads_after", after);
    json.put("ratio_to_dgemm", ratio);
    json.put("target_ratio", TARGET);
    json.put("met", ratio >= TARGET);
    json.put("step", clock.steps().toJsonMillis());
    out.put("results", json);
    out.verdict("(4) training ≥ 50% of 2-thread dgemm GFLOP/s", Section.num("%.0f%%", 100 * ratio) + " ("
        + Section.num("%.1f", gflops) + " vs " + Section.num("%.1f", dgemm) + " GFLOP/s)", ratio >= TARGET);
    return out;
  }

  /** Total GFLOP/s of {@code threads} threads timing single-threaded n³ dgemm at the same time. */
  static double dgemmGflops(int n, int threads, MedianTimer timer) {
    CyclicBarrier start = new CyclicBarrier(threads);
    double[] perThread = new double[threads];
    List<Thread> running = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      final int id = i;
      Runnable gemm = CoreBench.gemm(n, n, n);
      Thread th = new Thread(() -> {
        try {
          start.await();
          perThread[id] = 2.0 * n * n * n / timer.time(gemm).wallSeconds() / 1e9;
        } catch (Exception | Error e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "bench-dgemm-" + i);
      th.start();
      running.add(th);
    }
    for (Thread th : running) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while timing dgemm", e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("dgemm timing thread failed: " + failures.get(0), failures.get(0));
    }
    double total = 0;
    for (double g : perThread) {
      total += g;
    }
    return total;
  }
}
