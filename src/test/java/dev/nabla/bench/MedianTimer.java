package dev.nabla.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Times actions the way a steady-state loop sees them: a warm-up (so that the JIT has compiled the
 * hot paths and caches are hot), then several timed repetitions of many calls each, and the MEDIAN of
 * the per-call times.
 *
 * <p>Two clocks are read around every repetition: the wall clock and this thread's CPU time. On a
 * machine shared with other processes the CPU time is the steadier figure (time spent descheduled is
 * not counted); on an idle machine both agree, since everything measured runs on the calling thread
 * (with {@code OPENBLAS_NUM_THREADS=1} native BLAS does too). Actions timed together are interleaved,
 * repetition by repetition, so that a burst of outside load disturbs all of them alike and their ratio
 * stays meaningful.
 *
 * @param warmupSeconds how long to call each action before timing, &gt; 0
 * @param repetitionSeconds the target length of one timed repetition, &gt; 0
 * @param repetitions how many timed repetitions to take the median of, odd and ≥ 1
 */
record MedianTimer(double warmupSeconds, double repetitionSeconds, int repetitions) {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  MedianTimer {
    if (!(warmupSeconds > 0)) {
      throw new IllegalArgumentException("warmupSeconds = " + warmupSeconds + ": must be > 0");
    }
    if (!(repetitionSeconds > 0)) {
      throw new IllegalArgumentException("repetitionSeconds = " + repetitionSeconds + ": must be > 0");
    }
    if (repetitions < 1 || repetitions % 2 == 0) {
      throw new IllegalArgumentException("repetitions = " + repetitions + ": must be odd and >= 1 (a true median)");
    }
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read thread CPU time (ThreadMXBean); run on a HotSpot JDK 17");
    }
  }

  /** Median seconds per call by each clock. */
  record Timing(double cpuSeconds, double wallSeconds) {
  }

  /** Eleven repetitions of ~0.25 s after 1.5 s of warm-up: the figures for docs/performance.md. */
  static MedianTimer full() {
    return new MedianTimer(1.5, 0.25, 11);
  }

  /** Three repetitions of ~0.05 s after 0.3 s of warm-up: a smoke run in seconds. */
  static MedianTimer quick() {
    return new MedianTimer(0.3, 0.05, 3);
  }

  /** Median seconds per call of one action. */
  Timing time(Runnable action) {
    return interleaved(List.of(action)).get(0);
  }

  /** Median seconds per call of each action, their repetitions interleaved (a, b, c, a, b, c, …). */
  List<Timing> interleaved(List<Runnable> actions) {
    int n = actions.size();
    int[] calls = new int[n];
    for (int i = 0; i < n; i++) {
      calls[i] = warmUp(actions.get(i));
    }
    double[][] cpu = new double[n][repetitions];
    double[][] wall = new double[n][repetitions];
    for (int r = 0; r < repetitions; r++) {
      for (int i = 0; i < n; i++) {
        Runnable action = actions.get(i);
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int c = 0; c < calls[i]; c++) {
          action.run();
        }
        wall[i][r] = (System.nanoTime() - wall0) / 1e9 / calls[i];
        cpu[i][r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9 / calls[i];
      }
    }
    Timing[] out = new Timing[n];
    for (int i = 0; i < n; i++) {
      out[i] = new Timing(median(cpu[i]), median(wall[i]));
    }
    return List.of(out);
  }

  /** Calls the action for the warm-up time; returns how many calls make one repetition. */
  private int warmUp(Runnable action) {
    long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int done = 0;
    long fastest = Long.MAX_VALUE;
    while (done < 3 || System.nanoTime() < end) {
      long t0 = System.nanoTime();
      action.run();
      fastest = Math.min(fastest, System.nanoTime() - t0);
      done++;
    }
    return (int) Math.max(1, Math.min(1_000_000, Math.round(repetitionSeconds * 1e9 / Math.max(1, fastest))));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
