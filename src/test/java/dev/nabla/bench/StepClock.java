package dev.nabla.bench;

import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainingListener} that timestamps every step on the driver. The time of step s is the wall
 * time between the end of step s − 1 and the end of step s of the same epoch, i.e. everything the loop
 * does per step (broadcast, the Spark job, the driver's sum, division, checks and update). The first
 * step of each epoch is not timed (it follows the epoch boundary: evaluation, per-epoch plans), nor is
 * any step of the warm-up epochs.
 */
final class StepClock implements TrainingListener {
  private final int warmupEpochs;
  private final List<Double> seconds = new ArrayList<>();
  private final List<EpochMetrics> epochs = new ArrayList<>();
  private int lastEpoch = -1;
  private long last;
  private long timedFromMillis = Long.MAX_VALUE;

  /** @param warmupEpochs how many leading epochs to leave untimed, ≥ 0 */
  StepClock(int warmupEpochs) {
    if (warmupEpochs < 0) {
      throw new IllegalArgumentException("warmupEpochs = " + warmupEpochs + ": must be >= 0");
    }
    this.warmupEpochs = warmupEpochs;
  }

  /** The Trainer's remarks (e.g. that the step stream fell back to one job per step) go to stderr. */
  @Override public void onMessage(String line) {
    System.err.println("trainer: " + line);
  }

  @Override public void onStep(int epoch, int step, double meanLoss) {
    long now = System.nanoTime();
    if (epoch == lastEpoch && epoch > warmupEpochs) {
      seconds.add((now - last) / 1e9);
    } else if (epoch == warmupEpochs + 1) {
      timedFromMillis = System.currentTimeMillis();
    }
    lastEpoch = epoch;
    last = now;
  }

  @Override public void onEpoch(EpochMetrics metrics) {
    epochs.add(metrics);
  }

  /** Seconds of each timed step, in order. */
  List<Double> stepSeconds() {
    return List.copyOf(seconds);
  }

  /** The summary of {@link #stepSeconds()}. */
  Stats steps() {
    return Stats.of(seconds);
  }

  /**
   * The wall-clock instant (System.currentTimeMillis) the first timed step started from: the end of the
   * first step after warm-up; {@code Long.MAX_VALUE} before then.
   */
  long timedFromMillis() {
    return timedFromMillis;
  }

  /** The metrics of every epoch, in order. */
  List<EpochMetrics> epochs() {
    return List.copyOf(epochs);
  }
}
