package dev.nabla.report;

/**
 * Receives a run's progress on the driver. Default methods do nothing. The callbacks run on the training thread while
 * the step stream may hold every task slot (in local mode it does for the whole run): they must not start Spark jobs,
 * which would wait for the run to end.
 */
public interface TrainingListener {

  /** Training is about to start. */
  default void onStart(String description, int epochs, int stepsPerEpoch) {
  }

  /** A step finished; {@code meanLoss} is the MEAN loss over the step's batch. */
  default void onStep(int epoch, int step, double meanLoss) {
  }

  /** A step finished, with what it measured; by default calls {@link #onStep(int, int, double)}. */
  default void onStep(StepMetrics metrics) {
    onStep(metrics.epoch(), metrics.step(), metrics.loss());
  }

  /** A line worth telling the user (e.g. why training stopped early). */
  default void onMessage(String line) {
  }

  /** An epoch finished and was evaluated. */
  default void onEpoch(EpochMetrics metrics) {
  }

  /** Combines listeners; each is called in order. */
  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
      @Override public void onStart(String description, int epochs, int stepsPerEpoch) {
        for (TrainingListener l : listeners) {
          l.onStart(description, epochs, stepsPerEpoch);
        }
      }

      @Override public void onStep(int epoch, int step, double meanLoss) {
        for (TrainingListener l : listeners) {
          l.onStep(epoch, step, meanLoss);
        }
      }

      @Override public void onStep(StepMetrics metrics) {
        for (TrainingListener l : listeners) {
          l.onStep(metrics);
        }
      }

      @Override public void onMessage(String line) {
        for (TrainingListener l : listeners) {
          l.onMessage(line);
        }
      }

      @Override public void onEpoch(EpochMetrics metrics) {
        for (TrainingListener l : listeners) {
          l.onEpoch(metrics);
        }
      }
    };
  }
}
