package dev.nabla.bench;

import dev.nabla.nn.DenseInputs;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Inputs;
import dev.nabla.nn.Network;
import dev.nabla.nn.SparseBatch;
import dev.nabla.nn.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Sparse inputs against dense ({@code nn.SparseInputs}, {@code nn.DenseInputs}), single thread, through
 * {@link Network#addGradient}, the call the trainer makes per partition and step.
 *
 * <ol>
 *   <li>A 200000-32-10 network (sigmoid, softmax, cross-entropy) on batches of 64 rows with 40 non-zeros
 *       each: the sparse step, its layer-1 kernels alone (Z¹ += W¹X and BP4's δ¹Xᵀ), one O(P) pass over
 *       the 6.4 M parameters for scale (zeroing the gradient SUM), and the same step with X dense.</li>
 *   <li>Where sparse stops paying: 784-128-10, batch 112, a fixed number of non-zeros per column at
 *       densities 1 % … 50 %: the whole step and layer 1 alone, sparse against dense, and the density at
 *       which they cross (interpolated linearly between the two densities around it).</li>
 * </ol>
 *
 * Each figure is the median per-call CPU time of interleaved repetitions after a warm-up
 * ({@link MedianTimer}), wall time next to it.
 *
 * <p>Usage: {@code SparseKernelBench [--quick]}; run it through {@code submit-scripts/bench-core.sh --sparse},
 * which sets {@code OPENBLAS_NUM_THREADS=1}.
 */
public final class SparseKernelBench {
  static final double[] DENSITIES = {0.01, 0.02, 0.05, 0.10, 0.20, 0.50};
  static final long SEED = 20240917L;
  private static final String USAGE = "usage: SparseKernelBench [--quick]\n"
      + "  --quick   few short repetitions (a smoke run in seconds, noisy figures)";

  private SparseKernelBench() {
  }

  public static void main(String[] args) {
    Set<String> flags = CoreBench.flags("SparseKernelBench", USAGE, Set.of("--quick"), args);
    if (flags == null) {
      return;
    }
    MedianTimer timer = flags.contains("--quick") ? MedianTimer.quick() : MedianTimer.full();
    System.out.println(CoreBench.header());
    System.out.println();
    printWide(timer);
    System.out.println();
    printCrossover(timer);
  }

  /** Section 1: 200000-32-10, batch 64, 40 non-zeros per row. */
  static void printWide(MedianTimer timer) {
    Topology t = Nets.sigmoid(200_000, 32, 10);
    int m = 64;
    int nonZeros = 40;
    double[] params = Init.GLOROT_UNIFORM.initialize(t, SEED);
    SparseBatch b = SparseBatch.random(t, m, nonZeros, nonZeros, SEED + 1);
    GradientSum sum = new GradientSum(t.numParams());
    List<Runnable> actions = List.of(
        CoreBench.step(t, params, b.sparse(), b.y(), m),
        layerOne(t, params, b.sparse(), m),
        sum::clear,
        CoreBench.step(t, params, new DenseInputs(b.dense(), t.inputSize()), b.y(), m));
    List<MedianTimer.Timing> times = timer.interleaved(actions);

    System.out.println("### " + Nets.name(t) + " (P = " + t.numParams() + "), batch " + m + ", " + nonZeros
        + " non-zeros per row (density " + percent((double) nonZeros / t.inputSize()) + ")");
    System.out.println();
    System.out.println("| measurement | CPU time per call | wall time per call |");
    System.out.println("|---|---:|---:|");
    String[] what = {"sparse forward+backward (addGradient)", "sparse layer 1 alone (multiplyInto + addOuterInto)",
        "one O(P) pass for scale: GradientSum.clear() of " + t.numParams() + " entries",
        "dense forward+backward (addGradient, X as 200000×64 doubles)"};
    for (int i = 0; i < what.length; i++) {
      System.out.println("| " + what[i] + " | " + CoreBench.duration(times.get(i).cpuSeconds()) + " | "
          + CoreBench.duration(times.get(i).wallSeconds()) + " |");
    }
  }

  /** Section 2: 784-128-10, batch 112, densities 1 % … 50 %, sparse against dense. */
  static void printCrossover(MedianTimer timer) {
    Topology t = Nets.sigmoid(784, 128, 10);
    int m = 112;
    double[] params = Init.GLOROT_UNIFORM.initialize(t, SEED);
    List<Runnable> actions = new ArrayList<>();
    for (int d = 0; d < DENSITIES.length; d++) {
      int k = nonZeros(DENSITIES[d], t.inputSize());
      SparseBatch b = SparseBatch.random(t, m, k, k, SEED + d);
      DenseInputs dense = new DenseInputs(b.dense(), t.inputSize());
      actions.add(CoreBench.step(t, params, b.sparse(), b.y(), m));
      actions.add(CoreBench.step(t, params, dense, b.y(), m));
      actions.add(layerOne(t, params, b.sparse(), m));
      actions.add(layerOne(t, params, dense, m));
    }
    List<MedianTimer.Timing> times = timer.interleaved(actions);

    System.out.println("### " + Nets.name(t) + ", batch " + m + ": sparse against dense by density (CPU time per call)");
    System.out.println();
    System.out.println("| density | non-zeros per row | step sparse | step dense | sparse/dense | layer 1 sparse "
        + "| layer 1 dense | sparse/dense |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    double[] stepRatio = new double[DENSITIES.length];
    double[] layerRatio = new double[DENSITIES.length];
    for (int d = 0; d < DENSITIES.length; d++) {
      double[] s = new double[4];
      for (int i = 0; i < 4; i++) {
        s[i] = times.get(4 * d + i).cpuSeconds();
      }
      stepRatio[d] = s[0] / s[1];
      layerRatio[d] = s[2] / s[3];
      System.out.println(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %s | %s | %.2f |",
          percent(DENSITIES[d]), nonZeros(DENSITIES[d], t.inputSize()), CoreBench.duration(s[0]),
          CoreBench.duration(s[1]), stepRatio[d], CoreBench.duration(s[2]), CoreBench.duration(s[3]), layerRatio[d]));
    }
    System.out.println();
    System.out.println("Crossover (sparse/dense = 1): step at " + crossover(stepRatio) + ", layer 1 alone at "
        + crossover(layerRatio) + "; median of " + timer.repetitions() + " interleaved repetitions after warm-up.");
  }

  /** round(density · n0) non-zeros, at least one. */
  static int nonZeros(double density, int n0) {
    return Math.max(1, (int) Math.round(density * n0));
  }

  /** The density where the ratio crosses 1, interpolated linearly between the two measured around it. */
  static String crossover(double[] ratio) {
    for (int d = 1; d < DENSITIES.length; d++) {
      if (ratio[d - 1] < 1 && ratio[d] >= 1) {
        double f = (1 - ratio[d - 1]) / (ratio[d] - ratio[d - 1]);
        return "≈ " + percent(DENSITIES[d - 1] + f * (DENSITIES[d] - DENSITIES[d - 1]));
      }
    }
    return ratio[0] >= 1 ? "below " + percent(DENSITIES[0]) + " (dense faster at every density measured)"
        : "above " + percent(DENSITIES[DENSITIES.length - 1]) + " (sparse faster at every density measured)";
  }

  /** Layer 1's two products alone: Z¹ += W¹X, then grad[W¹] += δ¹Xᵀ with a fixed random δ¹. */
  static Runnable layerOne(Topology t, double[] params, Inputs x, int m) {
    int n1 = t.size(1);
    double[] z = new double[n1 * m];
    double[] delta = new SplittableRandom(SEED).doubles((long) n1 * m, -1e-3, 1e-3).toArray();
    double[] grad = new double[t.numParams()];
    return () -> {
      x.multiplyInto(params, t.weightOffset(1), n1, m, z);
      x.addOuterInto(delta, n1, m, grad, t.weightOffset(1));
    };
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, fraction < 0.01 ? "%.2f %%" : "%.1f %%", 100 * fraction);
  }
}
