package dev.nabla.train;

import org.apache.spark.broadcast.Broadcast;

/**
 * The current step's parameters on an executor, decoded once per JVM from the broadcast bytes and
 * shared by all tasks of the step (they only read them).
 */
final class ParamsCache {
  private static long broadcastId = -1;
  private static double[] params;

  private ParamsCache() {
  }

  /** Forgets the cached θ (a run ended: in local mode this JVM is the driver's, which goes on to other work). */
  static synchronized void clear() {
    params = null;
    broadcastId = -1;
  }

  static synchronized double[] get(Broadcast<byte[]> bc, int numParams) {
    if (bc.id() != broadcastId || params == null || params.length != numParams) {
      // A new array each step: a task of an earlier step may still hold the previous one.
      params = Doubles.decode(bc.value(), new double[numParams]);
      broadcastId = bc.id();
    }
    return params;
  }
}
