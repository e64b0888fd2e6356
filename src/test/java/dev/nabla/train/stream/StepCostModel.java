package dev.nabla.train.stream;

import java.util.Locale;

/**
 * The communication cost of one synchronous step (docs/scaling.md): S = b·P bytes of θ down and as many of SUMS up,
 * T tasks, α seconds per message, B bytes per second per network card (full duplex), {@code add} seconds per value of
 * one addition. Store-and-forward of whole vectors, as the stream does; the arithmetic of the step is not included.
 *
 * <ul>
 *   <li>star: the driver sends S to each task and receives S from each, one after the other on its card, and adds T
 *       SUMS: 2α + 2·T·S/B + (T − 1)·P·add</li>
 *   <li>tree of fan-out k: one hop driver–root each way; a node sends θ to its children and receives their subtree
 *       SUMS on its card one after the other, adding them; the critical path of a full tree of depth d is about
 *       2(d + 1)α + 2(1 + d·k)·S/B + d·k·P·add ({@link #tree})</li>
 *   <li>ring all-reduce (Horovod; no driver): 2(T − 1) messages of S/T each way per worker:
 *       2(T − 1)α + 2·(T − 1)/T·S/B + (T − 1)/T·P·add</li>
 * </ul>
 *
 * @param alpha seconds per message (software and network latency)
 * @param bandwidth bytes per second of one network card, each way
 * @param add seconds per value of adding one vector into another
 */
record StepCostModel(double alpha, double bandwidth, double add) {
  static final long[] PARAMS = {100_000, 1_000_000, 10_000_000};
  static final int[] TASKS = {2, 8, 64, 256};

  double star(long p, int t, int bytesPerValue) {
    double s = (double) bytesPerValue * p;
    return 2 * alpha + 2 * t * s / bandwidth + (t - 1) * p * add;
  }

  /**
   * The tree's critical path, walked over {@link TreeShape}: the driver sends θ to the root (α + S/B); a node sends θ
   * to its children one after the other (child j of a node has it α + j·S/B after the node); a node's subtree SUMS
   * are ready α + c·S/B + c·P·add after its slowest child's (c children, received one after the other on its card);
   * the root's reach the driver after α + S/B. With k = T − 1 this is the star's 2α + 2·T·S/B + (T − 1)·P·add.
   */
  double tree(long p, int t, int k, int bytesPerValue) {
    double s = (double) bytesPerValue * p;
    TreeShape shape = new TreeShape(t, k);
    return ready(shape, 0, alpha + s / bandwidth, s, p) + alpha + s / bandwidth;
  }

  /** When node i's subtree SUMS are ready, given when θ reached it. */
  private double ready(TreeShape shape, int i, double thetaAt, double s, long p) {
    int[] children = shape.children(i);
    double slowest = thetaAt;
    for (int j = 0; j < children.length; j++) {
      slowest = Math.max(slowest, ready(shape, children[j], thetaAt + alpha + (j + 1) * s / bandwidth, s, p));
    }
    return children.length == 0 ? thetaAt
        : slowest + alpha + children.length * s / bandwidth + children.length * p * add;
  }

  double ring(long p, int t, int bytesPerValue) {
    double s = (double) bytesPerValue * p;
    double share = (t - 1) / (double) t;
    return 2 * (t - 1) * alpha + 2 * share * s / bandwidth + share * p * add;
  }

  /** The predictions at float64 for {@link #PARAMS} × {@link #TASKS}: star, trees of fan-out 2 and 4, ring. */
  String table(double gbits) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Predicted communication per step at %.0f Gb/s "
        + "(α = %.0f µs, float64):%n%n| P | T | star | tree k = 2 | tree k = 4 | ring all-reduce | star / tree k = 2 |%n"
        + "|---|---|---|---|---|---|---|%n", gbits, alpha * 1e6));
    for (long p : PARAMS) {
      for (int t : TASKS) {
        double star = star(p, t, 8);
        double tree2 = tree(p, t, 2, 8);
        b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.1f× |%n", params(p), t, time(star),
            time(tree2), time(tree(p, t, 4, 8)), time(ring(p, t, 8)), star / tree2));
      }
    }
    return b.toString().stripTrailing();
  }

  private static String params(long p) {
    return p >= 1_000_000 ? p / 1_000_000 + "M" : p / 1_000 + "k";
  }

  private static String time(double s) {
    return s >= 1 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f ms", s * 1e3);
  }
}
