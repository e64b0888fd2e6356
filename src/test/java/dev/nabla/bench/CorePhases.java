package dev.nabla.bench;

import dev.nabla.nn.Backprop;
import dev.nabla.nn.Gemm;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Network;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of one forward+backward step goes: first the four public stages of
 * {@link Network#addGradient} (forward, loss, deltas, gradient), then each kernel inside them timed on
 * its own (the GEMMs, the activations, the bias and BP3 loops), on the buffers of a real step. The
 * kernel times are taken in isolation, so their sum can differ a little from the step (caches). A
 * kernel that accumulates (Z += W A) is timed over repeated calls, so the buffers are refilled by a
 * real step before each row.
 */
final class CorePhases {
  private CorePhases() {
  }

  /** Prints a markdown table of median times per phase for a batch of m samples. */
  static void print(Topology t, double[] params, double[] x, double[] y, int m, MedianTimer timer) {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(m);
    GradientSum sum = new GradientSum(t.numParams());
    net.addGradient(params, x, y, m, ws, sum);
    double[] grad = sum.gradient;
    int last = t.numLayers();

    Map<String, Runnable> stages = new LinkedHashMap<>();
    stages.put("step: addGradient", () -> net.addGradient(params, x, y, m, ws, sum));
    stages.put("stage: forward", () -> net.forward(params, x, m, ws));
    stages.put("stage: lossSum", () -> net.lossSum(y, m, ws));
    stages.put("stage: computeDeltas (BP1, BP2)", () -> net.computeDeltas(params, y, m, ws));
    stages.put("stage: accumulateGradient (BP3, BP4)", () -> net.accumulateGradient(x, m, ws, grad));

    Map<String, Runnable> kernels = new LinkedHashMap<>();
    for (int l = 1; l <= last; l++) {
      final int layer = l;
      int nl = t.size(l);
      int nPrev = t.size(l - 1);
      double[] aPrev = l == 1 ? x : ws.activations(l - 1);
      double[] z = ws.weightedInputs(l);
      kernels.put("fwd " + l + ": bias into Z (" + nl + "×" + m + ")", () -> {
        for (int c = 0; c < m; c++) {
          System.arraycopy(params, t.biasOffset(layer), z, c * nl, nl);
        }
      });
      kernels.put("fwd " + l + ": GEMM Z += W A (" + nl + "×" + m + "×" + nPrev + ")", () -> Gemm.gemm(false, false,
          nl, m, nPrev, 1.0, params, t.weightOffset(layer), nl, aPrev, 0, nPrev, 1.0, z, 0, nl));
      kernels.put("fwd " + l + ": " + t.activation(l).name() + " apply (" + nl + "×" + m + ")",
          () -> t.activation(layer).apply(z, ws.activations(layer), nl, m));
    }
    kernels.put("loss: " + t.loss().cliName() + " sum", () -> net.lossSum(y, m, ws));
    kernels.put("BP1", () -> Backprop.bp1(t, ws.weightedInputs(last), ws.activations(last), y, ws.deltas(last), m));
    for (int l = last - 1; l >= 1; l--) {
      final int layer = l;
      int nl = t.size(l);
      kernels.put("BP2 " + l + ": GEMM Wᵀδ (" + nl + "×" + m + "×" + t.size(l + 1) + ") ⊙ σ'",
          () -> Backprop.bp2(t, params, layer, ws.deltas(layer + 1), ws.weightedInputs(layer),
              ws.activations(layer), ws.deltas(layer), m));
    }
    for (int l = 1; l <= last; l++) {
      final int layer = l;
      double[] aPrev = l == 1 ? x : ws.activations(l - 1);
      kernels.put("BP3 " + l + ": row sums of δ (" + t.size(l) + "×" + m + ")",
          () -> Backprop.bp3(t, layer, ws.deltas(layer), m, grad));
      kernels.put("BP4 " + l + ": GEMM δ Aᵀ (" + t.size(l) + "×" + t.size(l - 1) + "×" + m + ")",
          () -> Backprop.bp4(t, layer, ws.deltas(layer), aPrev, m, grad));
    }

    System.out.println("Phases at m = " + m + " (" + t + "), median CPU time per call:");
    System.out.println();
    System.out.println("| phase | time | share of step |");
    System.out.println("|---|---:|---:|");
    Runnable realStep = () -> net.addGradient(params, x, y, m, ws, sum);
    double step = table(stages, timer, Double.NaN, realStep);
    table(kernels, timer, step, realStep);
  }

  /** Times each row; before each, {@code restore} puts realistic values back into the buffers. */
  private static double table(Map<String, Runnable> rows, MedianTimer timer, double stepSeconds,
      Runnable restore) {
    double step = stepSeconds;
    double total = 0;
    for (Map.Entry<String, Runnable> e : rows.entrySet()) {
      restore.run();
      double s = timer.time(e.getValue()).cpuSeconds();
      if (Double.isNaN(step)) {
        step = s;
      } else if (!Double.isNaN(stepSeconds)) {
        total += s;
      }
      System.out.println(String.format(Locale.ROOT, "| %s | %s | %.1f%% |", e.getKey(), CoreBench.duration(s),
          100 * s / step));
    }
    if (!Double.isNaN(stepSeconds)) {
      System.out.println(String.format(Locale.ROOT, "| sum of kernels | %s | %.1f%% |", CoreBench.duration(total),
          100 * total / step));
    }
    return step;
  }
}
