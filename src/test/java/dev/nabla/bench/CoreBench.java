package dev.nabla.bench;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Gemm;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The core-speed benchmark (issue 2): single-thread forward+backward of a 784-128-10 network
 * (sigmoid hidden layer, softmax output, cross-entropy) through {@link Network#addGradient}, the call
 * the trainer makes per partition and step, next to the dgemm of the same BLAS in the same JVM.
 *
 * <p>Throughput is reported by the usual convention GFLOP/s = 6 · P · m / seconds per step, with P the
 * number of parameters and m the batch size (2·P·m each for the forward pass, the error propagation and
 * the weight gradient). dgemm is 2 · m · n · k / seconds. Each figure is the median of several timed
 * repetitions after a warm-up ({@link MedianTimer}).
 *
 * <p>Usage: {@code CoreBench [--quick] [--phases]}; run it through {@code submit-scripts/bench-core.sh},
 * which sets {@code OPENBLAS_NUM_THREADS=1}.
 */
public final class CoreBench {
  static final int[] BATCHES = {128, 1024};
  static final long SEED = 20240601L;
  private static final String USAGE = "usage: CoreBench [--quick] [--phases]\n"
      + "  --quick   few short repetitions (a smoke run in seconds, noisy figures)\n"
      + "  --phases  also time each phase of a step (GEMMs, activations, bias and BP3 loops)";

  private CoreBench() {
  }

  public static void main(String[] args) {
    boolean quick = false;
    boolean phases = false;
    for (String arg : args) {
      switch (arg) {
        case "--quick" -> quick = true;
        case "--phases" -> phases = true;
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("CoreBench: unknown argument '" + arg + "'\n" + USAGE);
          System.exit(2);
        }
      }
    }
    MedianTimer timer = quick ? MedianTimer.quick() : MedianTimer.full();
    System.out.println(header());
    System.out.println();
    Topology t = mnistTopology();
    double[] params = Init.GLOROT_UNIFORM.initialize(t, SEED);
    System.out.println("| measurement | shape | FLOP per call | median time per call | GFLOP/s | ratio to dgemm "
        + "128×m×784 | ratio to dgemm 1024³ |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    double square = gemmGflops(1024, 1024, 1024, timer);
    for (int m : BATCHES) {
      double[][] batch = batch(t, m, SEED + m);
      double stepFlops = 6.0 * t.numParams() * m;
      double step = stepSeconds(t, params, batch[0], batch[1], m, timer);
      double gemmShape = gemmGflops(128, m, 784, timer);
      row("forward+backward (addGradient)", t.toString() + ", m = " + m, stepFlops, step,
          stepFlops / step / 1e9 / gemmShape, stepFlops / step / 1e9 / square);
      double gemmFlops = 2.0 * 128 * m * 784;
      row("dgemm", "128×" + m + "×784 (m×n×k)", gemmFlops, gemmFlops / gemmShape / 1e9, 1.0, gemmShape / square);
    }
    double squareFlops = 2.0 * 1024 * 1024 * 1024;
    row("dgemm", "1024×1024×1024", squareFlops, squareFlops / square / 1e9, Double.NaN, 1.0);
    if (phases) {
      for (int m : BATCHES) {
        double[][] batch = batch(t, m, SEED + m);
        System.out.println();
        CorePhases.print(t, params, batch[0], batch[1], m, timer);
      }
    }
  }

  /** The network of the benchmark: 784-128(sigmoid)-10(softmax) with cross-entropy. */
  static Topology mnistTopology() {
    return new Topology(new int[] {784, 128, 10}, new Activation[] {new Sigmoid(), new Softmax()},
        Loss.CROSS_ENTROPY);
  }

  /** A seeded batch {x, y}: pixels in [0, 1) like scaled MNIST, one-hot targets. */
  static double[][] batch(Topology t, int m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[t.inputSize() * m];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble();
    }
    double[] y = new double[t.outputSize() * m];
    for (int c = 0; c < m; c++) {
      y[c * t.outputSize() + rng.nextInt(t.outputSize())] = 1.0;
    }
    return new double[][] {x, y};
  }

  /** Median seconds of one {@link Network#addGradient} over m samples, into a reused workspace. */
  static double stepSeconds(Topology t, double[] params, double[] x, double[] y, int m, MedianTimer timer) {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(m);
    GradientSum sum = new GradientSum(t.numParams());
    double seconds = timer.secondsPerCall(() -> net.addGradient(params, x, y, m, ws, sum));
    if (!Double.isFinite(sum.lossSum) || sum.count == 0) {
      throw new IllegalStateException("benchmark step produced loss sum " + sum.lossSum + " over " + sum.count);
    }
    return seconds;
  }

  /** Single-thread GFLOP/s of C := A·B (m×k times k×n) through {@link Gemm}, as 2mnk / seconds. */
  static double gemmGflops(int m, int n, int k, MedianTimer timer) {
    SplittableRandom rng = new SplittableRandom(SEED);
    double[] a = rng.doubles((long) m * k).toArray();
    double[] b = rng.doubles((long) k * n).toArray();
    double[] c = new double[m * n];
    double seconds = timer.secondsPerCall(() -> Gemm.gemm(false, false, m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m));
    return 2.0 * m * n * k / seconds / 1e9;
  }

  private static void row(String what, String shape, double flops, double seconds, double ratioShape,
      double ratioSquare) {
    System.out.println(String.format(Locale.ROOT, "| %s | %s | %.3g | %s | %.2f | %s | %s |", what, shape, flops,
        duration(seconds), flops / seconds / 1e9, percent(ratioShape), percent(ratioSquare)));
  }

  static String duration(double seconds) {
    return seconds >= 1e-3 ? String.format(Locale.ROOT, "%.3f ms", seconds * 1e3)
        : String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** One line: BLAS implementation, Java version, CPU model and count, OPENBLAS_NUM_THREADS. */
  static String header() {
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    return "BLAS: " + Gemm.implementation()
        + " | Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        + " | CPU: " + cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " logical CPUs)"
        + " | OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads);
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown (no 'model name' in /proc/cpuinfo)");
    } catch (IOException e) {
      return "unknown (/proc/cpuinfo unreadable: " + e.getMessage() + ")";
    }
  }
}
