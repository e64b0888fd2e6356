package dev.nabla.train;

import dev.nabla.data.Layout;
import dev.nabla.model.Scaling;
import java.io.Serializable;

/**
 * What an executor needs to know to read a training (or evaluation) set's rows: where they are
 * ({@link Layout}), the shape of a batch and the scalings applied while gathering it. Broadcast once per run.
 *
 * @param run the run's id: views of two runs are never equal (executor state is keyed by the view)
 * @param scaling applied to every gathered row; null for none
 * @param numTargets the rows of Y: classes (one-hot) or regression targets
 * @param sparse gather X as sparse columns ({@link dev.nabla.nn.SparseInputs}) rather than a dense matrix
 * @param targets applied to every gathered row's regression targets; null for none (always, for evaluation: it
 *     scores parameters folded back to data units)
 */
record DataView(String run, Layout layout, Scaling scaling, int numFeatures, int numTargets, boolean sparse,
    TargetScaling targets) implements Serializable {
  private static final long serialVersionUID = 1L;
}
