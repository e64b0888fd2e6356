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
    int[] children = treeChildren(i);
    GradientSum[] subs = new GradientSum[children.length];
    int lastPresent = -1;
    for (int j = 0; j < children.length; j++) {
      subs[j] = subtree(children[j], parts, round, partsRounded);
      if (subs[j] != null) {
        lastPresent = j;
      }
    }
    GradientSum acc = parts[i];
    boolean rounded = partsRounded; // whether acc holds float32 values
    if (round && acc != null && !rounded) {
      dev.nabla.nn.Precision.roundToFloat(acc.gradient); // a partition's own SUMS are float32 too, as the star sends them
      rounded = true;
    }
    for (int j = 0; j <= lastPresent; j++) {
      if (subs[j] == null) {
        continue;
      }
      if (acc == null) {
        acc = subs[j];
        rounded = round;
      } else if (round && j == lastPresent) {
        acc.addRounded(subs[j]);
        rounded = true;
      } else {
        acc.add(subs[j]);
        rounded = false;
      }
    }
    if (round && acc != null && !rounded) {
      dev.nabla.nn.Precision.roundToFloat(acc.gradient);
    }
    return acc;
  }

  /** acc ⊕ s: s when acc is absent, acc when s is, else acc += s (in place). */
  static GradientSum add(GradientSum acc, GradientSum s) {
    if (s == null) {
      return acc;
    }
    return acc == null ? s : acc.add(s);
  }
}
