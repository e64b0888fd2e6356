package dev.nabla.train;

import dev.nabla.data.BlockSet;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;

/**
 * Loaded, cached rows for training or evaluation, and the scaling every gathered batch gets.
 *
 * @param data the cached shards and their layout
 * @param scaling fitted on the training rows; applied when batches are gathered (none: identity)
 */
public record TrainingSet(BlockSet data, Scaling scaling) {

  /** Rows as stored, unscaled. */
  public TrainingSet(BlockSet data) {
    this(data, null);
  }

  /** The number of rows N. */
  public long rows() {
    return data.rows();
  }

  /** Classification (targets one-hot of length numClasses) or regression. */
  public Task task() {
    return data.classification() ? Task.CLASSIFICATION : Task.REGRESSION;
  }

  /** k for classification, 0 for regression. */
  public int numClasses() {
    return data.classification() ? data.numTargets() : 0;
  }

  /** What the executors need to read the rows, for the run {@code run}: targets as stored. */
  DataView view(String run) {
    return view(run, null);
  }

  /** As {@link #view(String)}, with the targets standardized by {@code targets} (null: as stored). */
  DataView view(String run, TargetScaling targets) {
    if (targets != null && targets.numTargets() != data.numTargets()) {
      throw new IllegalArgumentException("target scaling of " + targets.numTargets() + " targets given for data with "
          + data.numTargets());
    }
    Scaling s = scaling == null || scaling.kind() == ScalingKind.NONE ? null : scaling;
    return new DataView(run, data.layout(), s, data.numFeatures(), data.numTargets(), data.sparse(), targets);
  }
}
