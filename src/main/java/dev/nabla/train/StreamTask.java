package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.nn.GradientSum;
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
 * one epoch. It connects to the driver (in the driver's own JVM through {@link LocalStreams}, else to the
 * driver's stream socket) and says which partition it holds; then, for every step request {epoch, step,
 * θ}, it computes the partition's share exactly as the one-job-per-step task does ({@link StepTask}: the
 * same rows, dropout seeds and buffers) and answers with the SUMS. An end request, or the driver closing
 * the connection, ends the task.
 *
 * <p>Socket wire format (big-endian ints, then raw little-endian doubles as in {@link Doubles}): hello
 * {MAGIC, token (32 bytes), stream key (UTF), partition}; step {STEP, epoch, step, θ as 8P bytes};
 * end {END}; answer {length, bytes of {@link OrderedSums#encode}} (length 0: no rows in the step).
 */
final class StreamTask implements VoidFunction<Iterator<PackedPartition>> {
  private static final long serialVersionUID = 1L;
  static final int MAGIC = 0x4e61424c;
  static final int STEP = 1;
  static final int END = 0;
  static final int TOKEN_BYTES = 32;
  private static final int CONNECT_TIMEOUT_MS = 30_000;
  private static final int BUFFER = 1 << 16;

  private final String key;
  private final String host;
  private final int port;
  private final byte[] token;
  private final StepTask.Factory tasks;
  private final int numParams;

  /** @param host null for a stream whose tasks run in the driver's JVM */
  StreamTask(String key, String host, int port, byte[] token, StepTask.Factory tasks, int numParams) {
    this.key = key;
    this.host = host;
    this.port = port;
    this.token = token.clone();
    this.tasks = tasks;
    this.numParams = numParams;
  }

  @Override public void call(Iterator<PackedPartition> partitions) throws IOException, InterruptedException {
    int partition = TaskContext.getPartitionId();
    LocalStreams.Session local = LocalStreams.find(key);
    if (local != null) {
      StreamLink.Local link = local.connect(partition);
      if (link != null) {
        serveLocal(link, partitions.hasNext() ? partitions.next() : null, partition);
      }
      return;
    }
    if (host == null) {
      return; // a local stream that has ended already
    }
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        throw new IOException("cannot reach the driver's step stream at " + host + ":" + port + " (" + e.getMessage()
            + "): let executors connect to that port (" + StreamServer.PORT_KEY + " fixes it) or train with "
            + "--step-engine jobs", e);
      }
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
      out.writeInt(MAGIC);
      out.write(token);
      out.writeUTF(key);
      out.writeInt(partition);
      out.flush();
      serveSocket(partitions.hasNext() ? partitions.next() : null, partition, in, out);
    } catch (EOFException | SocketException e) {
      // The driver ended or aborted this stream (closed the socket): nothing is left to do here.
    }
  }

  /** Answers the driver's requests in this JVM until the end. */
  private void serveLocal(StreamLink.Local link, PackedPartition p, int partition) throws InterruptedException {
    TaskContext context = TaskContext.get();
    StreamLink.Local.Request r;
    while ((r = link.next(context)) != null) {
      link.answer(p == null ? null : tasks.at(null, r.epoch(), r.step()).computeSum(p, partition, r.params()));
    }
  }

  /** Answers step messages on the socket until the end message. */
  private void serveSocket(PackedPartition p, int partition, DataInputStream in, DataOutputStream out)
      throws IOException {
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
