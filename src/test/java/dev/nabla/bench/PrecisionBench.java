package dev.nabla.bench;

import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Single-thread forward+backward at float64 and at float32 ({@link Precision}) for the MNIST race's network and the
 * compute section's, next to dgemm and sgemm of 1024³, all timed interleaved (median CPU time). Run it through
 * {@code submit-scripts/bench-core.sh --precision}.
 */
public final class PrecisionBench {
  private PrecisionBench() {
  }

  public static void main(String[] args) {
    boolean quick = args.length > 0 && args[0].equals("--quick");
    MedianTimer timer = quick ? MedianTimer.quick() : MedianTimer.full();
    System.out.println(CoreBench.header());
    System.out.println();
    Topology mnist = Topology.of(new int[] {784, 128, 10}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    Topology wide = Topology.of(new int[] {784, 1024, 1024, 10}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    Object[][] cases = {{mnist, 56}, {mnist, 112}, {wide, quick ? 512 : 4096}};
    List<Runnable> actions = new ArrayList<>();
    for (Object[] c : cases) {
      for (Precision p : Precision.values()) {
        actions.add(step((Topology) c[0], (Integer) c[1], p));
      }
    }
    actions.add(CoreBench.gemm(1024, 1024, 1024));
    actions.add(CoreBench.sgemm(1024, 1024, 1024));
    List<MedianTimer.Timing> times = timer.interleaved(actions);
    System.out.println("| network | m | precision | CPU time per step | GFLOP/s | float32 speed-up |");
    System.out.println("|---|---:|---|---:|---:|---:|");
    int i = 0;
    for (Object[] c : cases) {
      Topology t = (Topology) c[0];
      int m = (Integer) c[1];
      double flops = 6.0 * t.numParams() * m;
      double f64 = times.get(i).cpuSeconds();
      double f32 = times.get(i + 1).cpuSeconds();
      System.out.printf(Locale.ROOT, "| %s | %d | float64 | %s | %.1f | |%n", t, m, CoreBench.duration(f64), flops / f64 / 1e9);
      System.out.printf(Locale.ROOT, "| %s | %d | float32 | %s | %.1f | %.2f× |%n", t, m, CoreBench.duration(f32),
          flops / f32 / 1e9, f64 / f32);
      i += 2;
    }
    double cube = 2.0 * 1024 * 1024 * 1024;
    System.out.printf(Locale.ROOT, "%ndgemm 1024³: %.1f GFLOP/s; sgemm 1024³: %.1f GFLOP/s (one thread, CPU time)%n",
        cube / times.get(i).cpuSeconds() / 1e9, cube / times.get(i + 1).cpuSeconds() / 1e9);
  }

  private static Runnable step(Topology t, int m, Precision p) {
    SplittableRandom r = new SplittableRandom(5);
    double[] x = r.doubles((long) t.inputSize() * m).toArray();
    double[] y = new double[t.outputSize() * m];
    for (int c = 0; c < m; c++) {
      y[c * t.outputSize() + r.nextInt(t.outputSize())] = 1;
    }
    double[] params = Init.HE_NORMAL.initialize(t, 3);
    Network net = new Network(t, p);
    Workspace ws = net.newWorkspace(m);
    GradientSum sum = new GradientSum(t.numParams());
    return () -> net.addGradient(params, x, y, m, ws, sum);
  }
}
