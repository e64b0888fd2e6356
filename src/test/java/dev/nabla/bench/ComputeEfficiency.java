package dev.nabla.bench;

import dev.nabla.nn.Gemm;
import dev.nabla.nn.Init;
import dev.nabla.nn.Precision;
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
 * dgemm (sgemm when the training runs in float32) at the same time ({@link CoreBench#gemm} timed by {@link MedianTimer}, wall clock), before and
 * after the training, compared with their mean. Throughput is the samples/s of the second epoch of a
 * two-epoch fit ({@link EpochMetrics#samplesPerSecond()}: its samples over its step time; the first
 * epoch warms up).
 */
final class ComputeEfficiency {
  /** The target ratio to dgemm at float64 and to sgemm at float32 (issue 17). */
  private static final double TARGET_FLOAT64 = 0.5;
  private static final double TARGET_FLOAT32 = 0.7;

  private ComputeEfficiency() {
  }

  static Section run(JavaSparkContext sc, Mnist mnist, BenchPlan plan, MedianTimer timer, Precision precision) {
    Topology t = Nets.sigmoid(plan.computeSizes());
    int batch = plan.computeBatch();
    int n = plan.dgemmSize();
    TrainingSet data = mnist.trainingSet(Mnist.TRAIN, batch * plan.computeSteps());
    if (data.rows() != (long) batch * plan.computeSteps()) {
      throw new IllegalStateException("compute section needs " + batch * plan.computeSteps() + " MNIST rows, got "
          + data.rows() + "; lower computeBatch or computeSteps");
    }
    boolean single = precision == Precision.FLOAT32;
    String gemm = single ? "sgemm" : "dgemm";
    double target = single ? TARGET_FLOAT32 : TARGET_FLOAT64;
    double before = gemmGflops(n, 2, timer, precision);
    TrainSettings s = new TrainSettings(t, Init.GLOROT_UNIFORM, 0.1, batch, 2, CoreBench.SEED);
    StepClock clock = new StepClock(1);
    new Trainer(sc).shuffleWindow(Mnist.WINDOW).precision(precision).fit(data, null, s, Optimization.sgd(), clock);
    double after = gemmGflops(n, 2, timer, precision);
    data.data().release();

    EpochMetrics measured = clock.epochs().get(1);
    double samplesPerSecond = measured.samplesPerSecond();
    double gflops = 6.0 * t.numParams() * samplesPerSecond / 1e9;
    double peak = (before + after) / 2;
    double ratio = gflops / peak;
    Section out = new Section("compute", "4. Compute efficiency at batch " + batch + " (" + Nets.name(t) + ", "
        + t.numParams() + " parameters, " + precision.cliName() + ", local[2])", "measurement", "samples/s", "GFLOP/s",
        "ratio to " + gemm,
        "target", "met");
    out.row("Nabla training, epoch 2 of 2 (" + plan.computeSteps() + " steps)", Section.num("%.0f", samplesPerSecond),
        Section.num("%.1f", gflops), Section.num("%.0f%%", 100 * ratio), "≥ " + Section.num("%.0f%%", 100 * target), ratio >= target ? "yes" : "no");
    out.row(gemm + " " + n + "³, 2 threads × 1 BLAS thread, before / after", "",
        Section.num("%.1f", before) + " / " + Section.num("%.1f", after), "100%", "", "");
    out.note("GFLOP/s of training = 6 · " + t.numParams() + " · samples/s (forward, BP2 and BP4 at 2 FLOPs per weight "
        + "and sample; the first layer's BP2 is skipped, so the real GEMM work is a little less). " + gemm + " = 2n³ / wall "
        + "time per call, summed over two concurrent threads (" + Gemm.implementation() + ", median of "
        + timer.repetitions() + " repetitions per thread); the ratio is to the mean of before and after.");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("topology", Nets.name(t));
    json.put("precision", precision.cliName());
    json.put("parameters", t.numParams());
    json.put("batch", batch);
    json.put("steps_timed", plan.computeSteps());
    json.put("samples_per_s", samplesPerSecond);
    json.put("gflops", gflops);
    json.put("gemm", gemm);
    json.put("gemm_n", n);
    json.put("gemm_gflops_2_threads_before", before);
    json.put("gemm_gflops_2_threads_after", after);
    json.put("ratio_to_gemm", ratio);
    json.put("target_ratio", target);
    json.put("met", ratio >= target);
    json.put("step", clock.steps().toJsonMillis());
    out.put("results", json);
    out.verdict("(4) training ≥ " + Section.num("%.0f%%", 100 * target) + " of 2-thread " + gemm + " GFLOP/s",
        Section.num("%.0f%%", 100 * ratio) + " (" + Section.num("%.1f", gflops) + " vs " + Section.num("%.1f", peak)
        + " GFLOP/s)", ratio >= target);
    return out;
  }

  /** Total GFLOP/s of {@code threads} threads timing single-threaded n³ dgemm (or sgemm) at the same time. */
  static double gemmGflops(int n, int threads, MedianTimer timer, Precision precision) {
    CyclicBarrier start = new CyclicBarrier(threads);
    double[] perThread = new double[threads];
    List<Thread> running = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      final int id = i;
      Runnable gemm = precision == Precision.FLOAT32 ? CoreBench.sgemm(n, n, n) : CoreBench.gemm(n, n, n);
      Thread th = new Thread(() -> {
        try {
          start.await();
          perThread[id] = 2.0 * n * n * n / timer.time(gemm).wallSeconds() / 1e9;
        } catch (Exception | Error e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "bench-" + (precision == Precision.FLOAT32 ? "sgemm-" : "dgemm-") + i);
      th.start();
      running.add(th);
    }
    for (Thread th : running) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while timing the gemm threads", e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("gemm timing thread failed: " + failures.get(0), failures.get(0));
    }
    double total = 0;
    for (double g : perThread) {
      total += g;
    }
    return total;
  }
}
