package dev.nabla.train;

import dev.nabla.data.ShardGroup;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
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
 * <p>Over a socket the messages are {@link StreamWire}'s.
 */
final class StreamTask implements VoidFunction<Iterator<ShardGroup>> {
  private static final long serialVersionUID = 1L;
  private static final int CONNECT_TIMEOUT_MS = 30_000;

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

  @Override public void call(Iterator<ShardGroup> partitions) throws IOException, InterruptedException {
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
    try (SocketChannel channel = SocketChannel.open()) {
      try {
        channel.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        throw new IOException("cannot reach the driver's step stream at " + host + ":" + port + " (" + e.getMessage()
            + "): let executors connect to that port (" + StreamServer.PORT_KEY + " fixes it) or train with "
            + "--step-engine jobs", e);
      }
      channel.socket().setTcpNoDelay(true);
      ByteArrayOutputStream hello = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(hello);
      out.writeInt(StreamWire.MAGIC);
      out.write(token);
      out.writeUTF(key);
      out.writeInt(partition);
      StreamWire.writeFully(channel, ByteBuffer.wrap(hello.toByteArray()));
      serveSocket(partitions.hasNext() ? partitions.next() : null, partition, channel);
    } catch (EOFException | SocketException | AsynchronousCloseException e) {
      // The driver ended or aborted this stream (closed the socket): nothing is left to do here.
    }
  }

  /** Answers the driver's requests in this JVM until the end. */
  private void serveLocal(StreamLink.Local link, ShardGroup p, int partition) throws InterruptedException {
    TaskContext context = TaskContext.get();
    StreamLink.Local.Request r;
    while ((r = link.next(context)) != null) {
      link.answer(p == null ? null : tasks.at(null, r.epoch(), r.step()).computeSum(p, partition, r.params()));
    }
  }

  /** Answers step messages on the socket until the end message. */
  private void serveSocket(ShardGroup p, int partition, SocketChannel channel) throws IOException {
    ByteBuffer in = StreamWire.buffer(numParams);
    ByteBuffer out = StreamWire.buffer(numParams);
    double[] theta = new double[numParams];
    TaskContext context = TaskContext.get();
    while (StreamWire.readFully(channel, in, 4).getInt() == StreamWire.STEP) {
      ByteBuffer b = StreamWire.readFully(channel, in, 8 + numParams * Double.BYTES);
      int epoch = b.getInt();
      int step = b.getInt();
      StreamWire.getDoubles(b, theta);
      if (context != null && context.isInterrupted()) {
        return; // killed (job cancelled): returning closes the socket, which the driver sees
      }
      StreamWire.writeAnswer(channel, out,
          p == null ? null : tasks.at(null, epoch, step).computeSum(p, partition, theta));
    }
  }
}
