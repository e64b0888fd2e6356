package dev.nabla.bench;

import dev.nabla.nn.Activation;
import dev.nabla.nn.DenseInputs;
import dev.nabla.nn.Gemm;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Inputs;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * repetitions after a warm-up, all measurements interleaved, on this thread's CPU time, with the wall
 * time next to it ({@link MedianTimer}).
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
    Set<String> flags = flags("CoreBench", USAGE, Set.of("--quick", "--phases"), args);
    if (flags == null) {
      return;
    }
    boolean quick = flags.contains("--quick");
    boolean phases = flags.contains("--phases");
    MedianTimer timer = quick ? MedianTimer.quick() : MedianTimer.full();
    System.out.println(header());
    System.out.println();
    Topology t = mnistTopology();
    double[] params = Init.GLOROT_UNIFORM.initialize(t, SEED);
    printComparison(t, params, timer);
    if (phases) {
      for (int m : BATCHES) {
        double[][] batch = batch(t, m, SEED + m);
        System.out.println();
        CorePhases.print(t, params, batch[0], batch[1], m, timer);
      }
    }
  }

  /**
   * The flags of {@code args}, each one of {@code allowed}; null after printing the usage for -h or --help.
   * Anything else prints the bad argument and the usage and exits with status 2.
   */
  static Set<String> flags(String program, String usage, Set<String> allowed, String[] args) {
    Set<String> flags = new HashSet<>();
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        System.out.println(usage);
        return null;
      }
      if (!allowed.contains(arg)) {
        System.err.println(program + ": unknown argument '" + arg + "'\n" + usage);
        System.exit(2);
      }
      flags.add(arg);
    }
    return flags;
  }

  /** The main table: steps at each batch size and the dgemms, all timed interleaved. */
  static void printComparison(Topology t, double[] params, MedianTimer timer) {
    List<Runnable> actions = new ArrayList<>();
    for (int m : BATCHES) {
      double[][] batch = batch(t, m, SEED + m);
      actions.add(step(t, params, batch[0], batch[1], m));
      actions.add(gemm(128, m, 784));
    }
    actions.add(gemm(1024, 1024, 1024));
    List<MedianTimer.Timing> times = timer.interleaved(actions);

    System.out.println("| measurement | shape | FLOP per call | CPU time per call | wall time per call | GFLOP/s "
        + "(CPU time) | ratio to dgemm 128×m×784 | ratio to dgemm 1024³ |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    double squareFlops = 2.0 * 1024 * 1024 * 1024;
    double square = gflops(squareFlops, times.get(times.size() - 1));
    for (int i = 0; i < BATCHES.length; i++) {
      int m = BATCHES[i];
      double stepFlops = 6.0 * t.numParams() * m;
      double gemmFlops = 2.0 * 128 * m * 784;
      MedianTimer.Timing step = times.get(2 * i);
      MedianTimer.Timing gemm = times.get(2 * i + 1);
      double shaped = gflops(gemmFlops, gemm);
      row("forward+backward (addGradient)", t + ", m = " + m, stepFlops, step, shaped, square);
      row("dgemm", "128×" + m + "×784 (m×n×k)", gemmFlops, gemm, shaped, square);
    }
    row("dgemm", "1024×1024×1024", squareFlops, times.get(times.size() - 1), Double.NaN, square);
    System.out.println();
    System.out.println("GFLOP/s: forward+backward = 6 · P · m / time (P = " + t.numParams()
        + " parameters, the usual convention), dgemm = 2 · m · n · k / time; median of " + timer.repetitions()
        + " interleaved repetitions after warm-up.");
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

  /** One {@link Network#addGradient} over m samples into a reused workspace, as the trainer calls it. */
  static Runnable step(Topology t, double[] params, double[] x, double[] y, int m) {
    return step(t, params, new DenseInputs(x, t.inputSize()), y, m);
  }

  /** The same step over dense or sparse inputs. */
  static Runnable step(Topology t, double[] params, Inputs x, double[] y, int m) {
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(m);
    GradientSum sum = new GradientSum(t.numParams());
    return () -> {
      net.addGradient(params, x, y, m, ws, sum);
      if (!Double.isFinite(sum.lossSum)) {
        throw new IllegalStateException("benchmark step produced loss sum " + sum.lossSum + " at m = " + m);
      }
    };
  }

  /** C := A·B (m×k times k×n, random entries) through {@link Gemm}, the wrapper the network uses. */
  static Runnable gemm(int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(SEED);
    double[] a = rng.doubles((long) m * k).toArray();
    double[] b = rng.doubles((long) k * n).toArray();
    double[] c = new double[m * n];
    return () -> Gemm.gemm(false, false, m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, c, 0, m);
  }

  /** C := A·B in float32 (m×k times k×n, random entries) through {@link Gemm#sgemm}, the float32 path's product. */
  static Runnable sgemm(int m, int n, int k) {
    SplittableRandom rng = new SplittableRandom(SEED);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rng.nextDouble();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rng.nextDouble();
    }
    float[] c = new float[m * n];
    return () -> Gemm.sgemm(false, false, m, n, k, a, 0, m, b, 0, k, c, 0, m);
  }

  private static double gflops(double flops, MedianTimer.Timing time) {
    return flops / time.cpuSeconds() / 1e9;
  }

  private static void row(String what, String shape, double flops, MedianTimer.Timing time, double shapedGemm,
      double squareGemm) {
    double rate = gflops(flops, time);
    System.out.println(String.format(Locale.ROOT, "| %s | %s | %.3g | %s | %s | %.2f | %s | %s |", what, shape, flops,
        duration(time.cpuSeconds()), duration(time.wallSeconds()), rate, percent(rate / shapedGemm),
        percent(rate / squareGemm)));
  }

  static String duration(double seconds) {
    return seconds >= 1e-3 ? String.format(Locale.ROOT, "%.3f ms", seconds * 1e3)
        : String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  /** One line: BLAS implementation, Java version, CPU model and count, OPENBLAS_NUM_THREADS, load. */
  static String header() {
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    return "BLAS: " + Gemm.implementation()
        + " | Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        + " | CPU: " + cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " logical CPUs)"
        + " | OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads)
        + " | load average at start: " + loadAverage();
  }

  /** The 1-minute load average: above the CPU count, other processes compete for the cores. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown (/proc/loadavg unreadable: " + e.getMessage() + ")";
    }
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
