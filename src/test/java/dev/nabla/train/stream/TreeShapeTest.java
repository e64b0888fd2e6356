package dev.nabla.train.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nabla.nn.GradientSum;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TreeShapeTest {

  @Test
  void everyPartitionButTheRootHasOneParentAndChildrenAreInIndexOrder() {
    TreeShape t = new TreeShape(10, 3);
    assertEquals(-1, t.parent(0));
    assertArrayEquals(new int[] {1, 2, 3}, t.children(0));
    assertArrayEquals(new int[] {4, 5, 6}, t.children(1));
    assertArrayEquals(new int[] {7, 8, 9}, t.children(2));
    assertArrayEquals(new int[] {}, t.children(3));
    for (int i = 1; i < 10; i++) {
      int child = i;
      assertEquals(1, java.util.Arrays.stream(t.children(t.parent(i))).filter(c -> c == child).count(), "child " + i);
    }
    assertEquals(2, t.depth());
    assertEquals(0, new TreeShape(1, 2).depth());
    assertEquals(3, new TreeShape(8, 2).depth());
    assertEquals(1, new TreeShape(64, 63).depth());
  }

  private static GradientSum sum(double v, long count) {
    return new GradientSum(new double[] {v, -v}, v, count);
  }

  /** S(i) = own ⊕ S(c1) ⊕ S(c2) …, written out for T = 6, k = 2: 0 → {1, 2}, 1 → {3, 4}, 2 → {5}. */
  @Test
  void foldAddsOwnThenEachChildsSubtreeInIndexOrder() {
    SplittableRandom r = new SplittableRandom(3);
    double[] v = new double[6];
    for (int i = 0; i < 6; i++) {
      v[i] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
    }
    GradientSum[] parts = new GradientSum[6];
    for (int i = 0; i < 6; i++) {
      parts[i] = sum(v[i], i + 1);
    }
    double s1 = (v[1] + v[3]) + v[4];
    double s2 = v[2] + v[5];
    double expected = (v[0] + s1) + s2;
    GradientSum total = new TreeShape(6, 2).fold(parts);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(total.gradient[0]));
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(total.lossSum));
    assertEquals(21, total.count);
  }

  @Test
  void aPartitionWithoutRowsAddsNothingNotEvenAZero() {
    GradientSum[] parts = {null, sum(-0.0, 1), null, null};
    GradientSum total = new TreeShape(4, 2).fold(parts);
    assertSame(parts[1], total, "the only SUMS are the total itself");
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(total.gradient[0]), "-0.0 stays -0.0");
    assertNull(new TreeShape(3, 2).fold(new GradientSum[3]), "no rows anywhere");
    GradientSum[] rootEmpty = {null, sum(1e-17, 1), sum(1.0, 1)};
    assertEquals(1e-17 + 1.0, new TreeShape(3, 2).fold(rootEmpty).gradient[0], 0.0);
  }

  @Test
  void withAtMostKPlusOneTasksTheTreeAddsInTheStarsOrderSoTheStreamMayCarryItAsAStar() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int tasks = 1; tasks <= 3; tasks++) {
      double[] v = new double[tasks];
      for (int i = 0; i < tasks; i++) {
        v[i] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9));
      }
      GradientSum tree = new TreeShape(tasks, 2).fold(sums(v));
      GradientSum star = new TreeShape(tasks, 0).fold(sums(v));
      assertEquals(Double.doubleToRawLongBits(star.gradient[0]), Double.doubleToRawLongBits(tree.gradient[0]),
          tasks + " tasks");
    }
    // four tasks, k = 2: (x0 + (x1 + x3)) + x2 = (1e-17 + 1) − 1 = 0; the star: ((x0 + x1) + x2) + x3 = 1e-17
    double[] four = {1e-17, 1.0, -1.0, 1e-17};
    assertEquals(0.0, new TreeShape(4, 2).fold(sums(four)).gradient[0], 0.0);
    assertEquals(1e-17, new TreeShape(4, 0).fold(sums(four)).gradient[0], 0.0);
  }

  /**
   * Rounding to float32 as the SUMS travel: each partition's own sum, and every subtree's after its additions, written out for
   * T = 6, k = 2, with some partitions empty; the star's tasks hand their parts up rounded already, and folding those
   * (the fused add-and-round) gives the same bits as rounding them in the fold.
   */
  @Test
  void roundedFoldRoundsEverySubtreeAfterItsAdditionsAndPreRoundedPartsGiveTheSameBits() {
    SplittableRandom r = new SplittableRandom(5);
    for (int trial = 0; trial < 200; trial++) {
      double[] v = new double[6];
      boolean[] empty = new boolean[6];
      for (int i = 0; i < 6; i++) {
        v[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-9, 9));
        empty[i] = r.nextInt(4) == 0;
      }
      double[] s = new double[6];
      for (int i = 5; i >= 0; i--) { // children (2i + 1, 2i + 2) are folded before their parent
        Double acc = empty[i] ? null : (double) (float) v[i]; // a partition's own SUMS are rounded too
        for (int c = 2 * i + 1; c <= 2 * i + 2 && c < 6; c++) {
          if (!Double.isNaN(s[c])) {
            acc = acc == null ? s[c] : acc + s[c];
          }
        }
        s[i] = acc == null ? Double.NaN : (float) (double) acc;
      }
      GradientSum total = new TreeShape(6, 2).fold(parts(v, empty, false), true);
      assertEquals(Double.isNaN(s[0]), total == null, "trial " + trial);
      if (total != null) {
        assertEquals(Double.doubleToRawLongBits(s[0]), Double.doubleToRawLongBits(total.gradient[0]), "trial " + trial);
      }
      for (int tasks = 1; tasks <= 6; tasks++) {
        double[] w = java.util.Arrays.copyOf(v, tasks);
        boolean[] e = java.util.Arrays.copyOf(empty, tasks);
        GradientSum plain = new TreeShape(tasks, 0).fold(parts(w, e, false), true);
        GradientSum preRounded = new TreeShape(tasks, 0).fold(parts(w, e, true), true, true);
        assertEquals(plain == null, preRounded == null);
        if (plain != null) {
          assertEquals(Double.doubleToRawLongBits(plain.gradient[0]), Double.doubleToRawLongBits(preRounded.gradient[0]),
              "trial " + trial + ", star of " + tasks);
          assertEquals(Double.doubleToRawLongBits(plain.gradient[1]), Double.doubleToRawLongBits(preRounded.gradient[1]));
        }
      }
    }
  }

  /**
   * The local root leaves its additions pending (StepSums): made range by range, in any order, they give the bits of
   * adding at once, whatever the rounding, the children (absent ones too) and whether the own SUMS were rounded.
   */
  @Test
  void pendingAdditionsMadeRangeByRangeGiveTheBitsOfAddingAtOnce() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 1000;
    for (int trial = 0; trial < 100; trial++) {
      boolean round = r.nextBoolean();
      boolean ownRounded = round && r.nextBoolean();
      int children = r.nextInt(4);
      GradientSum[][] copies = new GradientSum[2][children + 1];
      for (int p = 0; p <= children; p++) {
        boolean absent = r.nextInt(4) == 0;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
          double x = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-9, 9));
          g[i] = p == 0 && ownRounded || p > 0 && round ? (float) x : x;
        }
        for (int c = 0; c < 2; c++) {
          copies[c][p] = absent ? null : new GradientSum(g.clone(), p + 0.5, p + 1);
        }
      }
      GradientSum eager = sumOf(copies[0], round, ownRounded).total();
      StepSums later = sumOf(copies[1], round, ownRounded).deferred();
      assertEquals(eager == null, later == null, "trial " + trial);
      if (eager == null) {
        continue;
      }
      assertEquals(eager.lossSum, later.sum().lossSum, 0.0);
      assertEquals(eager.count, later.sum().count);
      for (int from = n - 64; from > -64; from -= 64) { // ranges of 64, last first
        later.fold(Math.max(0, from), from + 64);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(Double.doubleToRawLongBits(eager.gradient[i]), Double.doubleToRawLongBits(later.sum().gradient[i]),
            "trial " + trial + ", entry " + i);
      }
    }
  }

  private static TreeShape.Sum sumOf(GradientSum[] parts, boolean round, boolean ownRounded) {
    TreeShape.Sum sum = new TreeShape.Sum(parts[0], round, ownRounded);
    for (int j = 1; j < parts.length; j++) {
      sum.add(parts[j], j == parts.length - 1);
    }
    return sum;
  }

  private static GradientSum[] parts(double[] v, boolean[] empty, boolean rounded) {
    GradientSum[] parts = new GradientSum[v.length];
    for (int i = 0; i < v.length; i++) {
      parts[i] = empty[i] ? null : sum(rounded ? (float) v[i] : v[i], 1);
    }
    return parts;
  }

  private static GradientSum[] sums(double[] v) {
    GradientSum[] parts = new GradientSum[v.length];
    for (int i = 0; i < v.length; i++) {
      parts[i] = sum(v[i], 1);
    }
    return parts;
  }
}
