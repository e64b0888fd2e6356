package dev.nabla.train.stream;

import dev.nabla.data.ShardGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tree edges whose two ends are in this JVM, by stream key and child partition: in local mode every edge (the
 * driver creates them when it opens the stream), on a cluster the edges between two tasks of one executor (the first
 * of the two to ask creates it). A task removes the edges it used when it returns.
 */
final class LocalEdges {
  private static final Map<String, Map<Integer, Edge.Local>> EDGES = new ConcurrentHashMap<>();
  /** Local mode: which partitions' tasks have arrived, per stream. */
  private static final Map<String, java.util.Set<Integer>> ARRIVED = new ConcurrentHashMap<>();
  /** Local mode: what the root's task hands to the driver, per stream. */
  private static final Map<String, Root> ROOT = new ConcurrentHashMap<>();

  /**
   * The root partition's data (null: none), whose share the driver computes, and the root's task's context, through
   * which the driver's thread reads cached data while that task waits.
   */
  record Root(ShardGroup group, org.apache.spark.TaskContext context) {
  }

  private LocalEdges() {
  }

  /** The edge from {@code child}'s parent down to {@code child} in stream {@code key}, created on first use. */
  static Edge.Local edge(String key, int child) {
    return edge(key, child, 0);
  }

  private static Edge.Local edge(String key, int child, long spinNanos) {
    return EDGES.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(child, c -> new Edge.Local(spinNanos));
  }

  /**
   * Local mode: the edge the driver registered down to {@code child}, or null when the stream is gone (a task of an
   * aborted stream must not make a new one).
   */
  static Edge.Local find(String key, int child) {
    Map<Integer, Edge.Local> m = EDGES.get(key);
    return m == null ? null : m.get(child);
  }

  /**
   * Local mode: registers the edges of a stream of {@code tasks} partitions, edge p from p's parent down to p (0: the
   * driver's to the root), whose ends poll for {@code spinNanos} before they park.
   */
  static Edge.Local[] open(String key, int tasks, long spinNanos) {
    Edge.Local[] edges = new Edge.Local[tasks];
    for (int p = 0; p < tasks; p++) {
      edges[p] = edge(key, p, spinNanos);
    }
    ARRIVED.put(key, ConcurrentHashMap.newKeySet());
    return edges;
  }

  /** Local mode: the root's task hands its partition's data and its context to the driver. */
  static void handOverRoot(String key, Root root) {
    ROOT.put(key, root);
  }

  /** Local mode: what the root's task handed over once it has arrived, else null. */
  static Root root(String key) {
    return ROOT.get(key);
  }

  /** Local mode: partition {@code p}'s task has taken its place. */
  static void arrived(String key, int p) {
    java.util.Set<Integer> s = ARRIVED.get(key);
    if (s != null) {
      synchronized (s) {
        s.add(p);
        s.notifyAll();
      }
    }
  }

  /** Local mode: waits up to {@code millis} for more tasks; returns how many have arrived. */
  static int awaitArrived(String key, int tasks, long millis) throws InterruptedException {
    java.util.Set<Integer> s = ARRIVED.get(key);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      if (s.size() < tasks && millis > 0) {
        s.wait(millis);
      }
      return s.size();
    }
  }

  /** Forgets the edge to {@code child} (and the stream once it holds none). */
  static void remove(String key, int child) {
    Map<Integer, Edge.Local> m = EDGES.get(key);
    if (m != null) {
      m.remove(child);
      if (m.isEmpty()) {
        EDGES.remove(key, m);
      }
    }
  }

  /** Forgets every edge of a stream, closing them (a stream aborted by its driver). */
  static void removeAll(String key) {
    ARRIVED.remove(key);
    ROOT.remove(key);
    Map<Integer, Edge.Local> m = EDGES.remove(key);
    if (m != null) {
      m.values().forEach(Edge::close);
    }
  }
}
