package dev.nabla.train.stream;

import dev.nabla.nn.GradientSum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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
    private final BlockingQueue<Step> down = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Object> up = new ArrayBlockingQueue<>(1);
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
      Object r = poll(up);
      return r == NONE ? new Answer(null, 0) : (Answer) r;
    }

    @Override Step receiveStep() throws IOException {
      Step s = poll(down);
      return s.theta() == null ? null : s;
    }

    @Override void sendAnswer(GradientSum sum, long maxTaskBytes) throws IOException {
      if (closed || !up.offer(sum == null ? NONE : new Answer(sum, maxTaskBytes))) {
        throw new IOException("the parent is gone");
      }
    }

    private <T> T poll(BlockingQueue<T> q) throws IOException {
      if (spinNanos > 0) {
        long until = System.nanoTime() + spinNanos;
        do {
          T r = q.poll();
          if (r != null) {
            return r;
          }
          Thread.onSpinWait();
        } while (!closed && System.nanoTime() < until);
      }
      try {
        while (true) {
          T r = q.poll(50, TimeUnit.MILLISECONDS);
          if (r != null) {
            return r;
          }
          if (closed || Thread.currentThread().isInterrupted()) {
            throw new IOException("the stream ended");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    @Override void close() {
      closed = true;
    }

    @Override long bytes() {
      return 0;
    }
  }
}
