package dev.nabla.train.stream;

import dev.nabla.nn.GradientSum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One edge of the tree: from a parent (the driver, or a task) down to a child task. The parent sends each step's θ
 * down it and reads the child's subtree SUMS back; the child does the reverse. Between two JVMs it is a socket
 * ({@link Socket}); inside one JVM (local mode, or two tasks of one executor) a hand-over of references
 * ({@link Local}), which copies nothing.
 */
abstract class Edge {
  /** A step request; {@code theta} null means the stream ends. */
  record Step(int epoch, int step, double[] theta) {
  }

  /** A subtree's answer: its SUMS (null: no row in the subtree this step) and its busiest task's bytes this step. */
  record Answer(GradientSum sum, long maxTaskBytes) {
  }

  /** Parent side: asks the child for step {@code step} of {@code epoch} at {@code theta}. */
  abstract void sendStep(int epoch, int step, double[] theta) throws IOException;

  /** Parent side: tells the child to return (best effort). */
  abstract void sendEnd();

  /** Parent side: the child's answer to the last step sent. */
  abstract Answer receiveAnswer() throws IOException;

  /** Child side: the next request; null when the stream ends. */
  abstract Step receiveStep() throws IOException;

  /** Child side: the subtree's answer. */
  abstract void sendAnswer(GradientSum sum, long maxTaskBytes) throws IOException;

  /** Closes the edge: whoever waits on it sees it closed. */
  abstract void close();

  /** Bytes moved on this edge so far, both ways (0 for a hand-over of references). */
  abstract long bytes();

  /** Two JVMs: the wire format of {@link Wire} over a blocking channel. */
  static final class Socket extends Edge {
    private final SocketChannel channel;
    private final boolean float32;
    private final ByteBuffer header = ByteBuffer.allocateDirect(64);
    private final ByteBuffer data;
    private final double[] values;
    private final int numParams;
    private long bytes;

    /** @param float32 θ and the SUMS travel as float32 */
    Socket(SocketChannel channel, int numParams, boolean float32) throws IOException {
      this.channel = channel;
      this.float32 = float32;
      this.numParams = numParams;
      channel.configureBlocking(true);
      channel.socket().setSoTimeout(0);
      channel.socket().setTcpNoDelay(true);
      this.data = Wire.buffer(numParams);
      this.values = new double[numParams];
    }

    @Override void sendStep(int epoch, int step, double[] theta) throws IOException {
      data.clear().order(java.nio.ByteOrder.BIG_ENDIAN);
      data.putInt(Wire.STEP).putInt(epoch).putInt(step);
      Wire.put(data, theta, float32);
      bytes += Wire.writeFully(channel, data.flip());
    }

    @Override void sendEnd() {
      try {
        header.clear();
        Wire.writeFully(channel, header.putInt(Wire.END).flip());
      } catch (IOException e) {
        // the child is gone already
      }
    }

    @Override Answer receiveAnswer() throws IOException {
      int rows = Wire.readFully(channel, header, 4).getInt();
      bytes += 4;
      if (rows == 0) {
        return new Answer(null, 0);
      }
      ByteBuffer b = Wire.readFully(channel, data, 24 + Wire.bytes(numParams, float32));
      bytes += b.remaining();
      long busiest = b.getLong();
      long count = b.getLong();
      double loss = Double.longBitsToDouble(Long.reverseBytes(b.getLong()));
      Wire.get(b, values, float32);
      return new Answer(new GradientSum(values, loss, count), busiest);
    }

    @Override Step receiveStep() throws IOException {
      int kind = Wire.readFully(channel, header, 4).getInt();
      bytes += 4;
      if (kind == Wire.END) {
        return null;
      }
      if (kind != Wire.STEP) {
        throw new IOException("a message of kind " + kind + " where a step was expected");
      }
      ByteBuffer b = Wire.readFully(channel, data, 8 + Wire.bytes(numParams, float32));
      bytes += b.remaining();
      int epoch = b.getInt();
      int step = b.getInt();
      Wire.get(b, values, float32);
      return new Step(epoch, step, values);
    }

    @Override void sendAnswer(GradientSum sum, long maxTaskBytes) throws IOException {
      data.clear().order(java.nio.ByteOrder.BIG_ENDIAN);
      if (sum == null) {
        data.putInt(0);
      } else {
        data.putInt(1).putLong(maxTaskBytes).putLong(sum.count);
        data.putLong(Long.reverseBytes(Double.doubleToRawLongBits(sum.lossSum)));
        Wire.put(data, sum.gradient, float32);
      }
      bytes += Wire.writeFully(channel, data.flip());
    }

    @Override void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }

    @Override long bytes() {
      return bytes;
    }
  }

  /**
   * One JVM: θ is handed down by reference (children only read it; the driver changes it only after the total came
   * back) and the SUMS come up as the subtree's own buffer, which the parent may add into (the child touches it
   * again only at its next step, which the parent starts after it is done).
   */
  static final class Local extends Edge {
    private static final Object NONE = new Object();
    /**
     * How long a polling end only spins before it also yields its core at each poll: the peer it woke (its parked
     * child or parent) may have been queued on this core, and would otherwise wait for the polling to end (measured:
     * once one end had parked, the two then took turns waiting 1.5-2.5 ms for each other, a step in ten).
     */
    private static final long YIELD_AFTER_NANOS = 50_000;
    private final Slot<Step> down = new Slot<>();
    private final Slot<Object> up = new Slot<>();
    private final Slot<Runnable> lent = new Slot<>();
    private final long spinNanos;
    private volatile boolean closed;

    /**
     * @param spinNanos how long a waiting end polls before it parks: only where every thread of the stream has a core
     *     of its own (a parked thread on an idle core takes far longer to wake than the wait it saves)
     */
    Local(long spinNanos) {
      this.spinNanos = spinNanos;
    }

    @Override void sendStep(int epoch, int step, double[] theta) throws IOException {
      if (closed || !down.offer(new Step(epoch, step, theta))) {
        throw new IOException("the task is gone");
      }
    }

    @Override void sendEnd() {
      down.offer(new Step(0, 0, null));
    }

    @Override Answer receiveAnswer() throws IOException {
      Object r = take(up, false);
      return r == NONE ? new Answer(null, 0) : (Answer) r;
    }

    @Override Step receiveStep() throws IOException {
      Step s = take(down, true);
      return s.theta() == null ? null : s;
    }

    @Override void sendAnswer(GradientSum sum, long maxTaskBytes) throws IOException {
      if (closed || !up.offer(sum == null ? NONE : new Answer(sum, maxTaskBytes))) {
        throw new IOException("the parent is gone");
      }
    }

    /**
     * Parent side: lends the child's thread a piece of work, which it runs while it waits for its next step (or never,
     * if it is busy or gone: the caller must not depend on it running). Replaces work lent before and not yet taken.
     */
    void lend(Runnable work) {
      lent.replace(work);
      down.wake();
    }

    /** Takes the slot's message; the child end ({@code runsLent}) runs what it is lent while it waits. */
    private <T> T take(Slot<T> slot, boolean runsLent) throws IOException {
      long spinUntil = spinNanos > 0 ? System.nanoTime() + spinNanos : Long.MIN_VALUE;
      while (true) {
        T r = slot.poll();
        if (r != null) {
          return r;
        }
        Runnable work = runsLent ? lent.poll() : null;
        if (work != null) {
          work.run();
          continue;
        }
        if (closed || Thread.currentThread().isInterrupted()) {
          throw new IOException(Thread.currentThread().isInterrupted() ? "interrupted" : "the stream ended");
        }
        long now = System.nanoTime();
        if (now - spinUntil < 0) {
          if (spinUntil - now > spinNanos - YIELD_AFTER_NANOS) {
            Thread.onSpinWait();
          } else {
            Thread.yield(); // a thread woken onto this core runs now, not when the polling ends
          }
        } else {
          slot.park(50_000_000L, runsLent ? lent : null);
        }
      }
    }

    @Override void close() {
      closed = true;
    }

    @Override long bytes() {
      return 0;
    }
  }

  /**
   * A one-message hand-over between two threads without a lock: the waiting end reads a volatile field while it polls
   * (a lock taken and released in a polling loop made the sending thread park on it, and waking it cost a step tens of
   * microseconds or more), then registers itself and parks; the sending end unparks it.
   */
  static final class Slot<T> {
    private final AtomicReference<T> value = new AtomicReference<>();
    private volatile Thread waiter;

    /** Puts {@code v} if the slot is empty; false if it holds a message not yet taken. */
    boolean offer(T v) {
      if (!value.compareAndSet(null, v)) {
        return false;
      }
      wake();
      return true;
    }

    /** Puts {@code v} in place of the message the slot holds, if any (that one is dropped). */
    void replace(T v) {
      value.set(v);
      wake();
    }

    /** Takes the message, or null if there is none. */
    T poll() {
      return value.get() == null ? null : value.getAndSet(null);
    }

    /**
     * Parks the calling thread (the one that takes from this slot) up to {@code nanos}, unless this slot, or {@code
     * also} (may be null), already holds a message; an offer to this slot, or {@link #wake}, unparks it.
     */
    void park(long nanos, Slot<?> also) {
      waiter = Thread.currentThread();
      try {
        if (value.get() == null && (also == null || also.value.get() == null)) {
          java.util.concurrent.locks.LockSupport.parkNanos(this, nanos);
        }
      } finally {
        waiter = null;
      }
    }

    /** Unparks the thread parked on this slot, if any. */
    void wake() {
      Thread w = waiter;
      if (w != null) {
        java.util.concurrent.locks.LockSupport.unpark(w);
      }
    }
  }
}
