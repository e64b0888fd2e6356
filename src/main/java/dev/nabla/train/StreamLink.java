package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
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

  /** Asks the task for step {@code step} of {@code epoch} at {@code params} ({@code encoded}: the same as bytes). */
  void send(int epoch, int step, double[] params, byte[] encoded) throws IOException;

  /** The task's SUMS of the last step sent, or null when the partition had no row in it. */
  GradientSum receive() throws IOException;

  /** Ends the link: the task's next read sees the end (or, under {@code abort}, a closed connection). */
  void close();

  /** A task in another JVM: the wire format of {@link StreamTask}. */
  final class Socket implements StreamLink {
    private final java.net.Socket socket;
    private final InputStream in;
    private final DataOutputStream out;
    private final byte[] header = new byte[4];
    private final double[] buffer;
    private byte[] result = new byte[0];

    Socket(java.net.Socket socket, int numParams) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(0);
      socket.setTcpNoDelay(true);
      this.in = socket.getInputStream();
      this.out = new DataOutputStream(socket.getOutputStream());
      this.buffer = new double[numParams];
    }

    @Override public void send(int epoch, int step, double[] params, byte[] encoded) throws IOException {
      out.writeInt(StreamTask.STEP);
      out.writeInt(epoch);
      out.writeInt(step);
      out.write(encoded);
      out.flush();
    }

    @Override public GradientSum receive() throws IOException {
      readFully(header, 4);
      int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
          | (header[3] & 0xff);
      if (length == 0) {
        return null;
      }
      if (length != OrderedSums.encodedLength(buffer.length)) {
        throw new IOException("a result of " + length + " bytes, expected " + OrderedSums.encodedLength(buffer.length));
      }
      if (result.length != length) {
        result = new byte[length];
      }
      readFully(result, length);
      return OrderedSums.decode(result, buffer);
    }

    private void readFully(byte[] into, int length) throws IOException {
      int off = 0;
      while (off < length) {
        int r = in.read(into, off, length - off);
        if (r < 0) {
          throw new EOFException("connection closed");
        }
        off += r;
      }
    }

    /** Sends the end message (best effort), then closes the socket. */
    void end() {
      try {
        out.writeInt(StreamTask.END);
        out.flush();
      } catch (IOException e) {
        // the task is gone already
      }
    }

    @Override public void close() {
      try {
        socket.close();
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

    @Override public void send(int epoch, int step, double[] params, byte[] encoded) throws IOException {
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

    /** Asks the task to return. */
    void end() {
      requests.offer(new Request(0, 0, null));
    }

    @Override public void close() {
      closed = true;
    }
  }
}
