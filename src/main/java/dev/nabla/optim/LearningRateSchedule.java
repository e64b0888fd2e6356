package dev.nabla.optim;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The learning rate η as a function of the training step.
 *
 * <p>Life cycle: the driver asks {@link #rate} before every optimizer step, with the step counted from 0
 * over the whole run (not per epoch); after each epoch's validation it calls {@link #onValidationLoss}
 * (only {@link ReduceOnPlateau} listens); {@link #state} / {@link #restoreState} checkpoint and resume a
 * schedule that has state, so a restored one continues exactly as an uninterrupted one would.
 */
public interface LearningRateSchedule extends Serializable {

  /**
   * η for step {@code step}.
   *
   * @param step t = 0, 1, … over the whole run
   * @throws IllegalArgumentException for a negative step
   */
  double rate(long step);

  /** Told the validation loss (a MEAN over the validation set) once per epoch; ignored by default. */
  default void onValidationLoss(double loss) {}

  /** A copy of the state; empty for schedules that are a pure function of the step. */
  default Map<String, double[]> state() {
    return new LinkedHashMap<>();
  }

  /** Restores a state returned by {@link #state} of a schedule of the same kind; here: an empty one. */
  default void restoreState(Map<String, double[]> state) {
    StateMaps.requireKeys(getClass().getSimpleName(), state, Set.of());
  }
}
