package dev.nabla.bench;

import java.util.Arrays;

/**
 * Times an action the way a steady-state loop sees it: a warm-up (so that the JIT has compiled the
 * hot paths and caches are hot), then several timed repetitions of many calls each, and the MEDIAN of
 * the per-call times, which shrugs off a repetition disturbed by another process on the machine.
 *
 * @param warmupSeconds how long to call the action before timing, &gt; 0
 * @param repetitionSeconds the target length of one timed repetition, &gt; 0
 * @param repetitions how many timed repetitions to take the median of, odd and ≥ 1
 */
record MedianTimer(double warmupSeconds, double repetitionSeconds, int repetitions) {

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
  }

  /** Seven repetitions of ~0.3 s after 1.5 s of warm-up: the figures for docs/performance.md. */
  static MedianTimer full() {
    return new MedianTimer(1.5, 0.3, 7);
  }

  /** Three repetitions of ~0.05 s after 0.3 s of warm-up: a smoke run in seconds. */
  static MedianTimer quick() {
    return new MedianTimer(0.3, 0.05, 3);
  }

  /** Median seconds per call of {@code action}, after warm-up. */
  double secondsPerCall(Runnable action) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int warmupCalls = 0;
    long lastCall = 0;
    while (warmupCalls < 3 || System.nanoTime() < warmupEnd) {
      long t0 = System.nanoTime();
      action.run();
      lastCall = System.nanoTime() - t0;
      warmupCalls++;
    }
    int calls = (int) Math.max(1, Math.min(1_000_000, Math.round(repetitionSeconds * 1e9 / Math.max(1, lastCall))));
    double[] perCall = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        action.run();
      }
      perCall[r] = (System.nanoTime() - t0) / 1e9 / calls;
    }
    Arrays.sort(perCall);
    return perCall[repetitions / 2];
  }
}
