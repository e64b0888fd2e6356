package dev.nabla.bench;

/**
 * Where the per-step overhead is measured: section 3 in the benchmark's local[2] session, or section 5 on
 * a standalone cluster of two one-core workers (separate executor JVMs: parameters and results cross a
 * real network stack, loopback here). Each has issue 6's target ratios to the empty job, per network.
 */
enum OverheadSite {
  LOCAL("step_overhead", 3, "local[2]", new double[] {1.5, 2.5}),
  CLUSTER("cluster", 5, "standalone cluster, 2 workers × 1 core", new double[] {2.0, 2.0});

  final String key;
  final int section;
  final String place;
  private final double[] targets;

  OverheadSite(String key, int section, String place, double[] targets) {
    this.key = key;
    this.section = section;
    this.place = place;
    this.targets = targets;
  }

  /** The target ratio to the empty job of network {@code i} (0: ~100k, 1: ~1M parameters). */
  double target(int i) {
    return targets[i];
  }
}
