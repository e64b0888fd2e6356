package dev.nabla.train.stream;

import dev.nabla.nn.GradientSum;

/**
 * A step's SUMS as the driver gets them: the loss sum and the sample count final, the gradient final once {@link
 * #fold} has covered every index. In local mode the root's additions of its children's SUMS are left to the driver's
 * next element-wise pass ({@code train.StepUpdate}, shared with the waiting task threads), each entry added in the
 * tree's order and rounded as {@link TreeShape#fold} does, so the same bits as adding first; elsewhere nothing is
 * pending. Valid until the next step.
 */
public final class StepSums {
  private final GradientSum sum;
  /** The operations on the gradient, in order; null: nothing pending. */
  private TreeShape.Op[] pending;

  StepSums(GradientSum sum, TreeShape.Op[] pending) {
    this.sum = sum;
    this.pending = pending;
  }

  /** SUMS with nothing pending. */
  public static StepSums of(GradientSum sum) {
    return new StepSums(sum, null);
  }

  /** The SUMS; the gradient's entries are final only where {@link #fold} has run. */
  public GradientSum sum() {
    return sum;
  }

  /** Whether additions are pending (the gradient is not final until {@link #fold} covered it). */
  public boolean pending() {
    return pending != null;
  }

  /**
   * Makes the pending additions into entries [from, to) of the gradient; call once per index (on disjoint ranges,
   * from any thread).
   */
  public void fold(int from, int to) {
    if (pending == null) {
      return;
    }
    double[] g = sum.gradient;
    for (TreeShape.Op op : pending) {
      double[] o = op.addend();
      if (o == null) {
        for (int i = from; i < to; i++) {
          g[i] = (float) g[i];
        }
      } else if (op.round()) {
        for (int i = from; i < to; i++) {
          g[i] = (float) (g[i] + o[i]);
        }
      } else {
        for (int i = from; i < to; i++) {
          g[i] += o[i];
        }
      }
    }
  }

  /**
   * The SUMS with every pending addition made now, on this thread (none may have been made through {@link #fold});
   * nothing is pending after.
   */
  public GradientSum folded() {
    fold(0, sum.gradient.length);
    pending = null;
    return sum;
  }
}
