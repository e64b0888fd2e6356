package dev.nabla.bench;

import java.util.Arrays;

/**
 * How much the Spark benchmark does: the full run for docs/performance.md, or the quick smoke run.
 *
 * @param name {@code full} or {@code quick}
 * @param trainRows MNIST training rows used (the first ones; all 60,000 in the full run), ≥ 1
 * @param testRows MNIST test rows used (the first ones; all 10,000 in the full run), ≥ 1
 * @param targetAccuracy the test accuracy both contenders race to, in (0, 1]
 * @param mllibIterations the maxIter of each timed MLlib fit, ascending, ≥ 1 each
 * @param mllibBisections at most this many extra MLlib fits, bisecting maxIter between the largest
 *     grid value below the target and the smallest at or above it, ≥ 0
 * @param nablaBatch Nabla's global batch size for the race, ≥ 1
 * @param nablaLearningRate Nabla's base learning rate for the race, &gt; 0
 * @param nablaMaxEpochs Nabla gives up after this many epochs, ≥ 1 (also the length of a cosine schedule)
 * @param overheadSteps timed steps per model in the per-step overhead section (one more runs untimed
 *     per epoch), ≥ 2
 * @param emptyJobs timed empty Spark jobs per block, ≥ 1
 * @param computeSizes the topology of the compute-efficiency section, e.g. {784, 1024, 1024, 10}
 * @param computeBatch its global batch size, ≥ 2
 * @param computeSteps its timed steps (one warm-up epoch of as many steps runs first), ≥ 1
 * @param dgemmSize n of the n×n×n dgemm the compute section compares with, ≥ 1
 */
record BenchPlan(String name, int trainRows, int testRows, double targetAccuracy, int[] mllibIterations,
    int mllibBisections, int nablaBatch, double nablaLearningRate, int nablaMaxEpochs, int overheadSteps,
    int emptyJobs, int[] computeSizes, int computeBatch, int computeSteps, int dgemmSize) {

  BenchPlan {
    positive("trainRows", trainRows);
    positive("testRows", testRows);
    if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
      throw new IllegalArgumentException("targetAccuracy = " + targetAccuracy + ": must be in (0, 1]");
    }
    mllibIterations = mllibIterations.clone();
    for (int i = 0; i < mllibIterations.length; i++) {
      if (mllibIterations[i] < 1 || (i > 0 && mllibIterations[i] <= mllibIterations[i - 1])) {
        throw new IllegalArgumentException("mllibIterations = " + Arrays.toString(mllibIterations)
            + ": must be positive and strictly ascending");
      }
    }
    if (mllibIterations.length == 0 || mllibBisections < 0) {
      throw new IllegalArgumentException("mllibIterations must not be empty and mllibBisections (" + mllibBisections
          + ") must be >= 0");
    }
    positive("nablaBatch", nablaBatch);
    if (!(nablaLearningRate > 0) || Double.isInfinite(nablaLearningRate)) {
      throw new IllegalArgumentException("nablaLearningRate = " + nablaLearningRate + ": must be a positive number");
    }
    positive("nablaMaxEpochs", nablaMaxEpochs);
    if (overheadSteps < 2) {
      throw new IllegalArgumentException("overheadSteps = " + overheadSteps + ": must be >= 2");
    }
    positive("emptyJobs", emptyJobs);
    computeSizes = computeSizes.clone();
    if (computeBatch < 2) {
      throw new IllegalArgumentException("computeBatch = " + computeBatch + ": must be >= 2 (one column per task)");
    }
    positive("computeSteps", computeSteps);
    positive("dgemmSize", dgemmSize);
  }

  /** The run for docs/performance.md: all of MNIST, ≥ 200 timed steps, batch 8192 on 784-1024-1024-10. */
  static BenchPlan full() {
    return new BenchPlan("full", 60_000, 10_000, 0.97, new int[] {25, 50, 100, 200}, 4, 112, 0.022, 2, 250, 250,
        new int[] {784, 1024, 1024, 10}, 8192, 4, 1024);
  }

  /** The CI smoke run: 3,000 rows, a lower target, MLlib 5 and 10 iterations (no bisection), 10 timed steps; well under a minute. */
  static BenchPlan quick() {
    return new BenchPlan("quick", 3_000, 1_000, 0.75, new int[] {5, 10}, 0, 256, 0.025, 5, 10, 30,
        new int[] {784, 1024, 1024, 10}, 1024, 2, 512);
  }

  /** The same plan with MLlib fitted at exactly these maxIter values (no bisection). */
  BenchPlan withMllib(int[] iterations) {
    return new BenchPlan(name, trainRows, testRows, targetAccuracy, iterations, 0, nablaBatch, nablaLearningRate,
        nablaMaxEpochs, overheadSteps, emptyJobs, computeSizes, computeBatch, computeSteps, dgemmSize);
  }

  /** The same plan with Nabla's race batch size, learning rate and maximum epochs replaced. */
  BenchPlan withNabla(int batch, double learningRate, int maxEpochs) {
    return new BenchPlan(name, trainRows, testRows, targetAccuracy, mllibIterations, mllibBisections, batch,
        learningRate, maxEpochs, overheadSteps, emptyJobs, computeSizes, computeBatch, computeSteps, dgemmSize);
  }

  @Override public int[] mllibIterations() {
    return mllibIterations.clone();
  }

  @Override public int[] computeSizes() {
    return computeSizes.clone();
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " = " + value + ": must be >= 1");
    }
  }
}
