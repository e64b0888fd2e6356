package dev.nabla.bench;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.privacy.GaussianNoise;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.train.Optimization;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Section 6 of the Spark benchmark (issue 8's target: a DP-SGD step costs at most 1.3× a non-private
 * step at batch 256 on 784-128-10). Two measurements in the same run:
 * <ol>
 *   <li>Spark steps: the MEDIAN wall time per step ({@link StepClock}, warm-up epoch untimed) of three
 *       fits on the same MNIST rows, one after the other (two interleaved rounds in the full plan): non-private with shuffled fixed-size batches,
 *       non-private with Poisson batches, and DP-SGD (Poisson, per-sample clipping C = 1, noise σ = 1.1
 *       on the driver). The target is read on DP / shuffled.</li>
 *   <li>Arithmetic, one thread: {@code addGradient} vs {@code addClippedGradient} over 256 columns, plus
 *       the driver's noise for every parameter, timed interleaved by {@link MedianTimer} (CPU time).</li>
 * </ol>
 */
final class DpStepCost {
  static final int BATCH = 256;
  static final double TARGET = 1.3;

  private DpStepCost() {
  }

  static Topology model() {
    return Topology.of(new int[] {784, 128, 10}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
  }

  static Section run(JavaSparkContext sc, Mnist mnist, BenchPlan plan, MedianTimer timer) {
    Topology t = model();
    TrainingSet data = mnist.trainingSet(Mnist.TRAIN, plan.trainRows());
    int epochs = plan.name().equals("quick") ? 3 : 2;
    TrainSettings s = new TrainSettings(t, Init.HE_NORMAL, 0.1, BATCH, epochs, CoreBench.SEED);
    int rounds = plan.name().equals("quick") ? 1 : 2;
    List<Double> shuffledSteps = new ArrayList<>();
    List<Double> poissonSteps = new ArrayList<>();
    List<Double> dpSteps = new ArrayList<>();
    try {
      for (int r = 0; r < rounds; r++) { // interleaved rounds: a change in outside load hits all three alike
        shuffledSteps.addAll(steps(new Trainer(sc).shuffleWindow(Mnist.WINDOW), data, s));
        poissonSteps.addAll(steps(new Trainer(sc).shuffleWindow(Mnist.WINDOW).poissonSampling(true), data, s));
        dpSteps.addAll(steps(new Trainer(sc).shuffleWindow(Mnist.WINDOW).privacy(PrivacyConfig.of(1.0, 1.1, 1e-5)), data, s));
      }
    } finally {
      data.data().release();
    }
    Stats shuffled = Stats.of(shuffledSteps);
    Stats poisson = Stats.of(poissonSteps);
    Stats dp = Stats.of(dpSteps);
    List<MedianTimer.Timing> cpu = arithmetic(t, timer);
    double plainCpu = cpu.get(0).cpuSeconds();
    double clippedCpu = cpu.get(1).cpuSeconds();
    double noiseCpu = cpu.get(2).cpuSeconds();
    double ratio = dp.median() / shuffled.median();

    Section sec = new Section("dp_step", "6. DP-SGD step cost (784-128-10, batch " + BATCH + ")",
        "step", "median", "p90", "steps timed", "vs non-private");
    sec.row("non-private, shuffled batches", Section.ms(shuffled.median()), Section.ms(shuffled.p90()),
        shuffled.count(), "1.00×");
    sec.row("non-private, Poisson batches", Section.ms(poisson.median()), Section.ms(poisson.p90()), poisson.count(),
        Section.num("%.2f×", poisson.median() / shuffled.median()));
    sec.row("DP-SGD (C = 1, σ = 1.1)", Section.ms(dp.median()), Section.ms(dp.p90()), dp.count(),
        Section.num("%.2f×", ratio));
    sec.note(String.format(Locale.ROOT, "Spark steps: %d rows, %d epochs per fit (the first untimed), local[2]. "
        + "Fits run in %d interleaved round(s) (shuffled, Poisson, DP). Arithmetic alone (one thread, CPU time, median): addGradient %s, addClippedGradient %s (%.2f×), "
        + "driver noise for %d parameters %s; (clipped + noise) / plain = %.2f×.", data.rows(), epochs, rounds,
        Section.ms(plainCpu), Section.ms(clippedCpu), clippedCpu / plainCpu, t.numParams(), Section.ms(noiseCpu),
        (clippedCpu + noiseCpu) / plainCpu));
    sec.put("shuffled_step_s", shuffled.median());
    sec.put("poisson_step_s", poisson.median());
    sec.put("dp_step_s", dp.median());
    sec.put("dp_over_nonprivate", ratio);
    sec.put("arithmetic_plain_cpu_s", plainCpu);
    sec.put("arithmetic_clipped_cpu_s", clippedCpu);
    sec.put("noise_cpu_s", noiseCpu);
    sec.verdict("DP-SGD step ≤ " + TARGET + "× a non-private step (batch " + BATCH + ")",
        Section.num("%.2f×", ratio), ratio <= TARGET);
    System.out.printf(Locale.ROOT, "dp step / non-private step: %.3f%n", ratio);
    return sec;
  }

  private static List<Double> steps(Trainer trainer, TrainingSet data, TrainSettings s) {
    StepClock clock = new StepClock(1);
    trainer.fit(data, null, s, Optimization.sgd(), clock);
    return clock.stepSeconds();
  }

  /** CPU time of: plain forward/backward, clipped forward/backward (256 columns), and the driver's noise. */
  private static List<MedianTimer.Timing> arithmetic(Topology t, MedianTimer timer) {
    double[][] batch = CoreBench.batch(t, BATCH, CoreBench.SEED);
    double[] params = Init.HE_NORMAL.initialize(t, CoreBench.SEED);
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(BATCH);
    GradientSum sum = new GradientSum(t.numParams());
    GaussianNoise noise = GaussianNoise.seeded(CoreBench.SEED);
    long[] step = {0};
    Runnable plain = () -> {
      sum.clear();
      net.addGradient(params, batch[0], batch[1], BATCH, ws, sum);
    };
    Runnable clipped = () -> {
      sum.clear();
      net.addClippedGradient(params, batch[0], batch[1], BATCH, ws, sum, 1.0, null, null);
    };
    Runnable noisy = () -> noise.add(sum.gradient, 1.1, step[0]++);
    return timer.interleaved(List.of(plain, clipped, noisy));
  }
}
