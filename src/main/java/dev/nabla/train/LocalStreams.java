package dev.nabla.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link StepStream}s whose driver is this JVM, by session key: a {@link StreamTask} that finds its
 * session here runs in the driver's JVM (local mode) and connects by {@link StreamLink.Local} instead of
 * a socket.
 */
final class LocalStreams {
  private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();

  private LocalStreams() {
  }

  /** One stream's links, one per partition, each taken by the first task that asks for it. */
  static final class Session {
    private final StreamLink.Local[] links;
    private final boolean[] taken;
    private int connected;

    Session(int partitions) {
      this.links = new StreamLink.Local[partitions];
      this.taken = new boolean[partitions];
      for (int i = 0; i < partitions; i++) {
        links[i] = new StreamLink.Local();
      }
    }

    /** The link of {@code partition} for the first task asking, null for any later one (a retry, a duplicate). */
    synchronized StreamLink.Local connect(int partition) {
      if (partition < 0 || partition >= links.length || taken[partition]) {
        return null;
      }
      taken[partition] = true;
      connected++;
      notifyAll();
      return links[partition];
    }

    /** Waits up to {@code millis} for more tasks; returns how many have connected. */
    synchronized int awaitConnected(long millis) throws InterruptedException {
      if (connected < links.length && millis > 0) {
        wait(millis);
      }
      return connected;
    }

    StreamLink.Local[] links() {
      return links;
    }
  }

  static Session open(String key, int partitions) {
    Session s = new Session(partitions);
    SESSIONS.put(key, s);
    return s;
  }

  /** The session of {@code key} if its driver is this JVM. */
  static Session find(String key) {
    return SESSIONS.get(key);
  }

  static void remove(String key) {
    SESSIONS.remove(key);
  }
}
