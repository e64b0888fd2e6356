package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The driver's end of one partition's connection in a {@link StepStream}: send a step, receive that
 * partition's SUMS. Over a socket when the task runs in another JVM ({@link Socket}); by hand-over of
 * references when it runs in the driver's own JVM (local mode, {@link Local}), where copying 8P bytes
 * each way through the loopback device would cost more than the step's arithmetic.
 */
interface StreamLink {

  /**
   * Asks the task for step {@code step} of {@code epoch} at {@code params} ({@code encoded}: the same as
   * little-endian bytes from position 0 to the limit, for sockets; null in local mode).
   */
  void send(int epoch, int step, double[] params, ByteBuffer encoded) throws IOException;

  /** The task's SUMS of the last step sent, or null when the partition had no row in it. */
  GradientSum receive() throws IOException;

  /** Asks the task to return (best effort: a task that is gone already needs nothing). */
  void end();

  /** Closes the link: a task still reading sees a closed connection. */
  void close();

  /** A task in another JVM: {@link StreamWire}'s format over a blocking channel. */
  final class Socket implements StreamLink {
    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocateDirect(16);
    private final ByteBuffer answer;
    private final double[] buffer;

    Socket(SocketChannel channel, int numParams) throws IOException {
      this.channel = channel;
      channel.configureBlocking(true);
      channel.socket().setSoTimeout(0);
      channel.socket().setTcpNoDelay(true);
      this.answer = StreamWire.buffer(numParams);
      this.buffer = new double[numParams];
    }

    @Override public void send(int epoch, int step, double[] params, ByteBuffer encoded) throws IOException {
      header.clear();
      header.putInt(StreamWire.STEP).putInt(epoch).putInt(step).flip();
      ByteBuffer theta = encoded.duplicate();
      ByteBuffer[] both = {header, theta};
      while (theta.hasRemaining()) {
        channel.write(both);
      }
    }

    @Override public GradientSum receive() throws IOException {
      return StreamWire.readAnswer(channel, answer, buffer);
    }

    @Override public void end() {
      try {
        header.clear();
        StreamWire.writeFully(channel, header.putInt(StreamWire.END).flip());
      } catch (IOException e) {
        // the task is gone already
      }
    }

    @Override public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /**
   * A task in the driver's JVM: θ is handed over by reference (tasks only read it, and the driver changes
   * it only after every task has answered) and the SUMS come back as the partition's own accumulator.
   */
  final class Local implements StreamLink {
    /** A step request; {@code params} null ends the task. */
    record Request(int epoch, int step, double[] params) {
    }

    private static final Object NO_ROWS = new Object();
    private final BlockingQueue<Request> requests = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Object> results = new ArrayBlockingQueue<>(1);
    private volatile boolean closed;

    @Override public void send(int epoch, int step, double[] params, ByteBuffer encoded) throws IOException {
      if (closed || !requests.offer(new Request(epoch, step, params))) {
        throw new IOException("the task is gone");
      }
    }

    @Override public GradientSum receive() throws IOException {
      try {
        while (true) {
          Object r = results.poll(50, TimeUnit.MILLISECONDS);
          if (r != null) {
            return r == NO_ROWS ? null : (GradientSum) r;
          }
          if (closed) {
            throw new IOException("the stream's job ended");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    /** Task side: the next request, or null once the link is closed or the task is killed. */
    Request next(org.apache.spark.TaskContext context) throws InterruptedException {
      while (true) {
        Request r = requests.poll(50, TimeUnit.MILLISECONDS);
        if (closed || (context != null && context.isInterrupted())) {
          return null;
        }
        if (r != null) {
          return r.params() == null ? null : r;
        }
      }
    }

    /** Task side: the step's SUMS (null: no rows). */
    void answer(GradientSum sum) {
      results.offer(sum == null ? NO_ROWS : sum);
    }

    @Override public void end() {
      requests.offer(new Request(0, 0, null));
    }

    @Override public void close() {
      closed = true;
    }
  }
}
