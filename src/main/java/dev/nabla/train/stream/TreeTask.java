package dev.nabla.train.stream;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The executor side of a {@link TreeStream}: one long-lived task per training partition, for the steps of one
 * epoch. It takes its place in the tree (from the driver, which knows where every task runs), connects to its parent
 * and lets its children connect to it; then, per step, it forwards θ to its children, computes its partition's SUMS
 * ({@link StepComputer}), adds its children's subtree SUMS to them in the tree's order and sends the subtree's SUMS
 * to its parent. An end request, or its parent closing the edge, ends it.
 */
final class TreeTask extends AbstractFunction1<scala.collection.Iterator<ShardGroup>, BoxedUnit>
    implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final int CONNECT_TIMEOUT_MS = 30_000;

  private final String key;
  private final String host;
  private final int port;
  private final byte[] token;
  private final StepComputer computer;
  private final TreeShape shape;
  private final int numParams;
  private final boolean float32;

  /** @param host the driver's stream server, null for a stream whose tasks run in the driver's JVM */
  TreeTask(String key, String host, int port, byte[] token, StepComputer computer, TreeShape shape, int numParams,
      boolean float32) {
    this.key = key;
    this.host = host;
    this.port = port;
    this.token = token.clone();
    this.computer = computer;
    this.shape = shape;
    this.numParams = numParams;
    this.float32 = float32;
  }

  /** The task: a named function class, not a lambda ({@link StreamJob}); fails with what its stream threw. */
  @Override public BoxedUnit apply(scala.collection.Iterator<ShardGroup> groups) {
    try {
      run(CollectionConverters.asJava(groups));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e.getMessage(), e);
    }
    return BoxedUnit.UNIT;
  }

  private void run(Iterator<ShardGroup> groups) throws IOException {
    int partition = TaskContext.getPartitionId();
    ShardGroup group = groups.hasNext() ? groups.next() : null;
    if (host == null) {
      Edge up = LocalEdges.find(key, partition);
      if (up == null) {
        return; // a stream that has ended already
      }
      if (partition == 0) {
        // The driver, in this JVM, computes the root's share on its own thread and talks to the root's children
        // itself: one hand-over less each way per step. This task keeps the partition's slot until the stream ends,
        // and lends the driver its context for reading cached data between steps.
        LocalEdges.handOverRoot(key, new LocalEdges.Root(group, TaskContext.get()));
        LocalEdges.arrived(key, partition);
        while (up.receiveStep() != null) {
          // only the end is ever sent here
        }
        return;
      }
      int[] children = shape.children(partition);
      Edge[] down = new Edge[children.length];
      for (int j = 0; j < children.length; j++) {
        down[j] = LocalEdges.find(key, children[j]);
        if (down[j] == null) {
          return;
        }
      }
      LocalEdges.arrived(key, partition);
      serve(up, down, group, partition);
      return;
    }
    List<AutoCloseable> open = new ArrayList<>();
    try {
      joinOverSockets(group, partition, open);
    } catch (EOFException | SocketException | AsynchronousCloseException e) {
      // The driver ended or aborted this stream, or a neighbour in the tree is gone: nothing is left to do here.
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // closing anyway
        }
      }
      LocalEdges.remove(key, partition);
      for (int c : shape.children(partition)) {
        LocalEdges.remove(key, c);
      }
    }
  }

  /** Says hello to the driver, takes its place in the tree, links to its parent and children, then serves. */
  private void joinOverSockets(ShardGroup group, int partition, List<AutoCloseable> open) throws IOException {
    String executor = SparkEnv.get().executorId();
    String myHost = SparkEnv.get().blockManager().blockManagerId().host();
    ServerSocketChannel listen = ServerSocketChannel.open();
    open.add(listen);
    listen.bind(new InetSocketAddress(myHost, 0), 64);
    SocketChannel driver = SocketChannel.open();
    open.add(driver);
    try {
      driver.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new IOException("cannot reach the driver's step stream at " + host + ":" + port + " (" + e.getMessage()
          + "): let executors connect to that port (" + StreamServer.PORT_KEY + " fixes it) or train with "
          + "--step-engine jobs", e);
    }
    driver.socket().setTcpNoDelay(true);
    ByteArrayOutputStream hello = greeting(partition);
    DataOutputStream out = new DataOutputStream(hello);
    out.writeUTF(executor);
    out.writeUTF(myHost);
    out.writeInt(listen.socket().getLocalPort());
    Wire.writeFully(driver, ByteBuffer.wrap(hello.toByteArray()));

    DataInputStream in = new DataInputStream(driver.socket().getInputStream());
    int parent = in.readInt();
    String parentExecutor = in.readUTF();
    String parentHost = in.readUTF();
    int parentPort = in.readInt();
    int[] children = new int[in.readInt()];
    String[] childExecutors = new String[children.length];
    for (int j = 0; j < children.length; j++) {
      children[j] = in.readInt();
      childExecutors[j] = in.readUTF();
    }

    Edge up;
    if (parent < 0) {
      up = new Edge.Socket(driver, numParams, float32);
    } else if (parentExecutor.equals(executor)) {
      up = LocalEdges.edge(key, partition);
    } else {
      SocketChannel ch = SocketChannel.open();
      open.add(ch);
      ch.socket().connect(new InetSocketAddress(parentHost, parentPort), CONNECT_TIMEOUT_MS);
      Wire.writeFully(ch, ByteBuffer.wrap(greeting(partition).toByteArray()));
      up = new Edge.Socket(ch, numParams, float32);
    }
    open.add(up::close);
    Edge[] down = new Edge[children.length];
    int remote = 0;
    for (int j = 0; j < children.length; j++) {
      if (childExecutors[j].equals(executor)) {
        down[j] = LocalEdges.edge(key, children[j]);
        open.add(down[j]::close);
      } else {
        remote++;
      }
    }
    for (; remote > 0; remote--) {
      SocketChannel ch = listen.accept();
      open.add(ch);
      int child = childHello(ch, children);
      int j = java.util.Arrays.binarySearch(children, child);
      if (j < 0 || down[j] != null) {
        throw new IOException("a connection that is not one of this task's children");
      }
      down[j] = new Edge.Socket(ch, numParams, float32);
    }
    listen.close();
    Wire.writeFully(driver, ByteBuffer.allocate(4).putInt(Wire.READY).flip());
    serve(up, down, group, partition);
  }

  /** The partition of a connecting child, after checking its token and stream key. */
  private int childHello(SocketChannel ch, int[] children) throws IOException {
    DataInputStream in = new DataInputStream(ch.socket().getInputStream());
    byte[] theirs = new byte[Wire.TOKEN_BYTES];
    if (in.readInt() != Wire.MAGIC) {
      throw new IOException("a connection without the stream's hello");
    }
    in.readFully(theirs);
    if (!MessageDigest.isEqual(theirs, token) || !in.readUTF().equals(key)) {
      throw new IOException("a connection with another stream's token");
    }
    return in.readInt();
  }

  /** Answers step requests from the parent until the end: forward θ, compute, add the children's SUMS, answer. */
  private void serve(Edge up, Edge[] down, ShardGroup group, int partition) throws IOException {
    TaskContext context = TaskContext.get();
    long seen = bytes(up, down);
    Edge.Step step;
    while ((step = up.receiveStep()) != null) {
      if (context != null && context.isInterrupted()) {
        return; // killed (job cancelled): returning closes the edges, which the neighbours see
      }
      for (Edge d : down) {
        d.sendStep(step.epoch(), step.step(), step.theta());
      }
      GradientSum own = group == null ? null
          : computer.compute(group, partition, step.epoch(), step.step(), step.theta());
      Edge.Answer subtree = subtreeSum(own, computer.float32Sums(), down, float32).folded();
      GradientSum acc = subtree.sum();
      long busiest = subtree.maxTaskBytes();
      long now = bytes(up, down);
      long mine = now - seen + (up instanceof Edge.Socket ? answerBytes(acc) : 0);
      up.sendAnswer(acc, Math.max(busiest, mine));
      seen = bytes(up, down);
    }
    for (Edge d : down) {
      d.sendEnd();
    }
  }

  /**
   * A subtree's SUMS from its root's own ({@code own}, null for no rows; the caller's buffer, added into; {@code
   * ownRounded}: its entries are float32 values already) and its children's answers, read from {@code down} in index
   * order and added as {@link TreeShape.Sum} adds them (the order and rounding of {@link TreeShape#fold}), the
   * gradient's additions pending; also the busiest child task's bytes.
   */
  static Subtree subtreeSum(GradientSum own, boolean ownRounded, Edge[] down, boolean float32) throws IOException {
    TreeShape.Sum sum = new TreeShape.Sum(own, float32, ownRounded);
    long busiest = 0;
    for (int j = 0; j < down.length; j++) {
      Edge.Answer a = down[j].receiveAnswer();
      busiest = Math.max(busiest, a.maxTaskBytes());
      sum.add(a.sum(), j == down.length - 1);
    }
    return new Subtree(sum.deferred(), busiest);
  }

  /** A subtree's SUMS (null: no rows in it), its gradient's additions maybe pending, and its busiest task's bytes. */
  record Subtree(StepSums sums, long maxTaskBytes) {
    /** As an answer to the parent: every addition made. */
    Edge.Answer folded() {
      return new Edge.Answer(sums == null ? null : sums.folded(), maxTaskBytes);
    }
  }

  /** What the answer of {@code sum} takes on a socket (see {@link Wire}); 0 for a hand-over. */
  private long answerBytes(GradientSum sum) {
    return sum == null ? 4 : 28L + Wire.bytes(numParams, float32);
  }

  private static long bytes(Edge up, Edge[] down) {
    long b = up.bytes();
    for (Edge d : down) {
      b += d.bytes();
    }
    return b;
  }

  /** What every connection of this task opens with, to the driver and to its parent: magic, token, stream, partition. */
  private ByteArrayOutputStream greeting(int partition) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(Wire.MAGIC);
    out.write(token);
    out.writeUTF(key);
    out.writeInt(partition);
    return b;
  }
}
