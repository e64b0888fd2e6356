package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;

/**
 * The executor side of a {@link StepStream}: one long-lived task per cached partition, for the steps of
 * one epoch. It connects to the driver's stream socket and says which partition it holds; then, for every
 * step message {epoch, step, θ}, it computes the partition's share of the step exactly as the
 * one-job-per-step task does ({@link StepTask#compute}: the same rows, dropout seeds and buffers) and
 * sends the encoded SUMS back. An end message, or the driver closing the socket, ends the task.
 *
 * <p>Wire format (big-endian ints and longs, then raw little-endian doubles as in {@link Doubles}): hello
 * {MAGIC, session (long), token (32 bytes), partition}; step {STEP, epoch, step, θ as 8P bytes};
 * end {END}; result {length, bytes}.
 */
final class StreamTask implements VoidFunction<Iterator<PackedPartition>> {
  private static final long serialVersionUID = 1L;
  static final int MAGIC = 0x4e61424c;
  static final int STEP = 1;
  static final int END = 0;
  static final int TOKEN_BYTES = 32;
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final int BUFFER = 1 << 16;

  private final String host;
  private final int port;
  private final byte[] token;
  private final long session;
  private final StepTask.Factory tasks;
  private final int numParams;

  StreamTask(String host, int port, byte[] token, long session, StepTask.Factory tasks, int numParams) {
    this.host = host;
    this.port = port;
    this.token = token.clone();
    this.session = session;
    this.tasks = tasks;
    this.numParams = numParams;
  }

  @Override public void call(Iterator<PackedPartition> partitions) throws IOException {
    int partition = TaskContext.getPartitionId();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        throw new IOException("cannot reach the driver's step stream at " + host + ":" + port + " (" + e.getMessage()
            + "): let executors connect to that port (spark.nabla.stream.port fixes it) or train with "
            + "--step-engine jobs", e);
      }
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
      out.writeInt(MAGIC);
      out.writeLong(session);
      out.write(token);
      out.writeInt(partition);
      out.flush();
      PackedPartition p = partitions.hasNext() ? partitions.next() : null;
      serve(p, partition, in, out);
    } catch (EOFException | SocketException e) {
      // The driver ended or aborted this stream (closed the socket): nothing is left to do here.
    }
  }

  /** Answers step messages until the end message. */
  private void serve(PackedPartition p, int partition, DataInputStream in, DataOutputStream out) throws IOException {
    byte[] paramBytes = new byte[numParams * Double.BYTES];
    double[] theta = new double[numParams];
    byte[] nothing = new byte[0];
    TaskContext context = TaskContext.get();
    while (in.readInt() == STEP) {
      int epoch = in.readInt();
      int step = in.readInt();
      in.readFully(paramBytes);
      if (context != null && context.isInterrupted()) {
        return; // killed (job cancelled): returning closes the socket, which the driver sees
      }
      Doubles.decode(paramBytes, theta);
      byte[] result = p == null ? nothing : tasks.at(null, epoch, step).compute(p, partition, theta);
      out.writeInt(result.length);
      out.write(result);
      out.flush();
    }
  }
}
