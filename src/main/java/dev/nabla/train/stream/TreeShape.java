package dev.nabla.train.stream;

import dev.nabla.nn.GradientSum;
import java.io.Serializable;

/**
 * The fixed k-ary tree over a stream's T partitions: partition 0 is the root (the driver's only peer), partition
 * i's children are k·i + 1 … k·i + k (those below T), its parent ⌊(i − 1)/k⌋. With k = 0, the star: every
 * partition is the driver's own child, and the driver adds their SUMS in index order, which is exactly the order of
 * the tree with k = T − 1 (root 0, children 1 … T − 1). It also fixes the one order in which
 * partition SUMS are added, for every engine: the subtree sum of i is
 * <pre>
 *   S(i) = ((own_i ⊕ S(c_1)) ⊕ S(c_2)) ⊕ … ⊕ S(c_k)      children in index order
 * </pre>
 * where ⊕ adds entry by entry and a partition without rows in the step contributes nothing (its own SUMS are
 * absent, not zero: x ⊕ absent = x, so an empty partition changes no bit, not even a −0.0); the step's total is
 * S(0). The tree stream adds as it goes up the tree, in the tasks; one Spark job per step and the local hand-over
 * add the partitions' results with {@link #fold}, the same additions in the same order, so every engine gives the
 * same bits.
 */
public final class TreeShape implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int tasks;
  private final int fanout;
  private final boolean star;

  /**
   * @param tasks T ≥ 1
   * @param fanout k ≥ 1, or 0 for the star
   */
  public TreeShape(int tasks, int fanout) {
    if (tasks < 1 || fanout < 0) {
      throw new IllegalArgumentException("a tree of " + tasks + " tasks with fan-out " + fanout);
    }
    this.tasks = tasks;
    this.fanout = fanout == 0 ? Math.max(1, tasks - 1) : fanout;
    this.star = fanout == 0;
  }

  /** Whether the driver is every partition's parent (k = 0). */
  public boolean star() {
    return star;
  }

  public int tasks() {
    return tasks;
  }

  /** k (for the star, T − 1: the order its SUMS are added in). */
  public int fanout() {
    return fanout;
  }

  /** Partition i's parent, −1 for the driver (the root's parent; every partition's in the star). */
  public int parent(int i) {
    return i == 0 || star ? -1 : (i - 1) / fanout;
  }

  /** Partition i's children in the stream, in index order (none in the star: the driver adds). */
  public int[] children(int i) {
    return star ? new int[0] : treeChildren(i);
  }

  /** Partition i's children in the order of additions (the star adds as the tree of k = T − 1 does). */
  private int[] treeChildren(int i) {
    long first = (long) fanout * i + 1;
    int n = (int) Math.max(0, Math.min(fanout, tasks - first));
    int[] c = new int[n];
    for (int j = 0; j < n; j++) {
      c[j] = (int) first + j;
    }
    return c;
  }

  /** The tree's depth: edges from the root to its deepest partition (0 for the star). */
  public int depth() {
    if (star) {
      return 0;
    }
    int d = 0;
    for (long last = 0, width = 1; last < tasks - 1; d++) {
      width *= fanout;
      last += width;
    }
    return d;
  }

  /**
   * The step's total S(0) of the partitions' SUMS ({@code parts[i]}: partition i's, null for none), added in the
   * tree's order. Adds into the operands (they are the caller's scratch); null when every part is null.
   */
  public GradientSum fold(GradientSum[] parts) {
    return fold(parts, false);
  }

  /**
   * As {@link #fold(GradientSum[])}, with every partition's own gradient SUM and every subtree's rounded to float32
   * when {@code round} (what a float32 transfer does on the way to the parent; in the star every partition's own SUMS
   * travel, so they are rounded in every engine and shape alike): the additions stay float64, the values added are
   * float32, the total included.
   */
  public GradientSum fold(GradientSum[] parts, boolean round) {
    return fold(parts, round, false);
  }

  /**
   * As {@link #fold(GradientSum[], boolean)}; {@code partsRounded}: every part is float32 values already (a star's
   * tasks rounded their own SUMS before handing them up), so a part is not rounded again (that would change nothing)
   * and the last addition of each subtree rounds as it adds, in one pass.
   */
  GradientSum fold(GradientSum[] parts, boolean round, boolean partsRounded) {
    if (parts.length != tasks) {
      throw new IllegalArgumentException(parts.length + " partial sums for a tree of " + tasks);
    }
    return subtree(0, parts, round, partsRounded);
  }

  private GradientSum subtree(int i, GradientSum[] parts, boolean round, boolean partsRounded) {
    Sum sum = new Sum(parts[i], round, partsRounded);
    int[] children = treeChildren(i);
    for (int j = 0; j < children.length; j++) {
      sum.add(subtree(children[j], parts, round, partsRounded), j == children.length - 1);
    }
    return sum.total();
  }

  /**
   * A subtree's SUMS as they are added, in the tree's order: the partition's own, then each child's subtree sum in
   * index order, each added into the own SUMS (the caller's buffer). With {@code round} (float32 transfer) the own
   * SUMS are rounded to float32 before any addition and the total after the last one (in the same pass as the last
   * child's addition), as what travels is float32; a child's subtree sum comes rounded already. A partition without
   * rows adds nothing (x ⊕ absent = x). {@link #fold} and the stream's tasks ({@code TreeTask}) add through it.
   */
  static final class Sum {
    private final boolean round;
    private GradientSum acc;
    /** The operations on acc's gradient not yet made, in order. */
    private final java.util.List<Op> pending = new java.util.ArrayList<>(2);
    /** acc holds additions not rounded yet. */
    private boolean unrounded;

    /**
     * @param own the partition's own SUMS, null for no rows
     * @param ownRounded own holds float32 values already (its task rounded them), so they are not rounded again
     */
    Sum(GradientSum own, boolean round, boolean ownRounded) {
      this.round = round;
      this.acc = own;
      if (round && own != null && !ownRounded) {
        pending.add(ROUND); // a partition's own SUMS travel rounded in the star
      }
    }

    /** Adds the next child's subtree sum (null: no rows in it); {@code last}: the partition's last child. */
    void add(GradientSum child, boolean last) {
      if (child == null) {
        return;
      }
      if (acc == null) {
        acc = child;
        return;
      }
      if (child.gradient.length != acc.gradient.length) {
        throw new IllegalArgumentException("gradient sizes differ: " + acc.gradient.length + " vs "
            + child.gradient.length);
      }
      acc.lossSum += child.lossSum;
      acc.count += child.count;
      boolean roundsAsItAdds = round && last;
      pending.add(new Op(child.gradient, roundsAsItAdds));
      unrounded = round && !roundsAsItAdds;
    }

    /** The subtree's SUMS, every addition made; null when no partition in it had rows. */
    GradientSum total() {
      StepSums s = deferred();
      return s == null ? null : s.folded();
    }

    /**
     * The subtree's SUMS with the gradient's additions left to {@link StepSums#fold} (the loss sum and count are
     * final); null when no partition in it had rows. Ends this sum.
     */
    StepSums deferred() {
      if (acc == null) {
        return null;
      }
      if (unrounded) {
        pending.add(ROUND);
        unrounded = false;
      }
      return new StepSums(acc, pending.isEmpty() ? null : pending.toArray(new Op[0]));
    }
  }

  /**
   * A pending operation on a sum's gradient: add a child's SUMS ({@code addend}; null: nothing), then, with {@code
   * round}, round the entry to float32, in one pass.
   */
  record Op(double[] addend, boolean round) {
  }

  /** The operation that only rounds. */
  static final Op ROUND = new Op(null, true);
}
