package dev.nabla.train.stream;

import dev.nabla.data.ShardGroup;
import dev.nabla.nn.GradientSum;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaRDD;

/**
 * The steps of one epoch without one Spark job per step: a single Spark job whose tasks ({@link TreeTask}, one per
 * training partition) stay up for the epoch, linked in a fixed k-ary tree ({@link TreeShape}). Per step the driver
 * sends {epoch, step, θ} to the root only; θ flows down the tree, every task computes its share, the SUMS flow up,
 * each task adding its children's to its own in the tree's order, and the root answers with the step's total. So the
 * driver moves 2·8P bytes per step whatever the number of tasks, a task at most 2·(k + 1)·8P, and the total is the
 * one {@link TreeShape#fold} gives for one Spark job per step, bit for bit. In local mode the driver stands in for the
 * root (it computes the root's share and talks to the root's children), one hand-over less each way per step.
 *
 * <p>Failures: a task that dies closes its edges, so its parent fails the step and closes its own, up to the root,
 * and its children end; a job that ends early (executor lost, job cancelled) is seen by a watchdog, which closes the
 * driver's edges. Either way the pending step throws {@link Broken}, and the caller runs that step, and the rest of
 * the epoch, as one Spark job per step: the driver holds θ and the optimizer state, and every step's rows and seeds
 * depend only on (seed, epoch, step), so nothing is lost or changed.
 */
public final class TreeStream implements AutoCloseable {
  private static final int HELLO_TIMEOUT_MS = 10_000;

  /** The stream cannot run, or stopped working; the message says why. */
  public static final class Broken extends Exception {
    private static final long serialVersionUID = 1L;

    Broken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Bytes of the last step: through the driver, and through the busiest task (sent and received). */
  public record Traffic(long driverBytes, long maxTaskBytes) {
  }

  /**
   * How long a local stream's waiting threads poll before they park, when every thread of the stream has a core: a
   * step's hand-overs are tens of microseconds apart, and waking a thread parked on an idle core took 0.1–0.3 ms per
   * step here (measured; docs/performance.md).
   */
  static final long SPIN_NANOS = 1_000_000;

  private final String key;
  private final TreeShape shape;
  /**
   * The driver's edges: over sockets to the root, or (the star) to every partition; in local mode to the root's
   * children (the star: every other partition), the driver computing the root's share itself.
   */
  private final Edge[] edges;
  /** Local mode: the root partition's data (null: no data) and how its share is computed; else null. */
  private final LocalRoot localRoot;
  /** Local mode with a core for each of the stream's threads: the edges whose child threads poll between steps. */
  private final Edge.Local[] lenders;
  private final GradientSum[] parts;
  private final Edge.Answer[] answers;
  private final boolean float32;
  private final java.util.concurrent.ExecutorService io;
  private final SocketChannel[] control;
  private final StreamJob job;
  private final int numParams;
  private final Thread watchdog;
  private volatile boolean closing;
  private Traffic traffic = new Traffic(0, 0);

  /**
   * Local mode: the driver in the root's place, with what the root's task handed over. {@code endEdge} is the edge the
   * root's task waits on for the end.
   */
  private record LocalRoot(LocalEdges.Root handed, StepComputer computer, Edge endEdge) {
    ShardGroup group() {
      return handed.group();
    }
  }

  private TreeStream(String key, TreeShape shape, Edge[] edges, LocalRoot localRoot, boolean polls,
      SocketChannel[] control, StreamJob job, int numParams, boolean float32) {
    this.key = key;
    this.lenders = polls ? java.util.Arrays.copyOf(edges, edges.length, Edge.Local[].class) : new Edge.Local[0];
    this.localRoot = localRoot;
    this.float32 = float32;
    this.shape = shape;
    this.edges = edges;
    this.parts = new GradientSum[edges.length];
    this.answers = new Edge.Answer[edges.length];
    this.io = edges.length > 1 && edges[0] instanceof Edge.Socket
        ? java.util.concurrent.Executors.newFixedThreadPool(edges.length, r -> {
          Thread t = new Thread(r, "nabla-star-io");
          t.setDaemon(true);
          return t;
        }) : null;
    this.control = control;
    this.job = job;
    this.numParams = numParams;
    this.watchdog = new Thread(this::watch, "nabla-tree-stream-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Starts the epoch's stream job on {@code data} and waits until every task has taken its place in the tree: in
   * this JVM when {@code server} is null (local mode), else through the server's socket. Throws {@link Broken}
   * (after cancelling the job) if that does not happen within {@code connectTimeoutMs} or the job ends first.
   *
   * @param fanout the tree's k; 0 for the star (the driver exchanges θ and the SUMS with every task). With T ≤ k
   *     tasks the star carries the steps: its order of additions is the tree's (root 0, then 1 … T − 1, see {@link
   *     TreeShape}), so the bits are the same, its driver moves 2·T·8·P ≤ 2·k·8·P bytes, and θ reaches every task in
   *     one hop instead of two (measured: a chain of 2 tasks is slower than their star)
   * @param float32 θ and the SUMS travel between JVMs as float32 (lossy; off by default)
   */
  public static TreeStream open(JavaRDD<ShardGroup> data, StepComputer computer, int numParams, int fanout,
      StreamServer server, long connectTimeoutMs, boolean float32) throws Broken {
    String key = UUID.randomUUID().toString();
    int n = data.getNumPartitions();
    TreeShape shape = new TreeShape(n, n <= fanout ? 0 : fanout);
    // Local mode: n threads step (the driver as the root, and n - 1 tasks); they may poll if each has a core.
    boolean polls = n <= Runtime.getRuntime().availableProcessors();
    Edge.Local[] local = server == null ? LocalEdges.open(key, n, polls ? SPIN_NANOS : 0) : null;
    TreeTask task = server == null ? new TreeTask(key, null, 0, new byte[0], computer, shape, numParams, float32)
        : new TreeTask(key, server.host, server.port, server.token, computer, shape, numParams, float32);
    StreamJob job = StreamJob.submit(data, task);
    SocketChannel[] control = new SocketChannel[n];
    try {
      long deadline = System.nanoTime() + connectTimeoutMs * 1_000_000L;
      if (local != null) {
        int arrived = 0;
        while (arrived < n) {
          check(job, deadline, arrived, n, null, connectTimeoutMs);
          arrived = LocalEdges.awaitArrived(key, n, Math.min(remaining(deadline), 250));
        }
        int[] rootChildren = shape.star() ? java.util.stream.IntStream.range(1, n).toArray() : shape.children(0);
        Edge[] toChildren = new Edge[rootChildren.length];
        for (int j = 0; j < rootChildren.length; j++) {
          toChildren[j] = local[rootChildren[j]];
        }
        return new TreeStream(key, shape, toChildren,
            new LocalRoot(LocalEdges.root(key), computer, local[0]), polls, control, job, numParams, float32);
      }
      Hello[] hellos = new Hello[n];
      int connected = 0;
      while (connected < n) {
        check(job, deadline, connected, n, server, connectTimeoutMs);
        SocketChannel ch = server.accept(Math.min(remaining(deadline), 250));
        if (ch == null) {
          continue;
        }
        Hello h = hello(ch, server, key, n);
        if (h == null || hellos[h.partition] != null) {
          ch.close(); // a stranger, a task of an aborted stream, or a duplicate attempt
          continue;
        }
        hellos[h.partition] = h;
        control[h.partition] = ch;
        connected++;
      }
      for (int p = 0; p < n; p++) {
        assign(control[p], p, shape, hellos);
      }
      for (int p = 0; p < n; p++) {
        control[p].socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining(deadline))));
        if (new DataInputStream(control[p].socket().getInputStream()).readInt() != Wire.READY) {
          throw new IOException("partition " + p + "'s task did not say it was ready");
        }
        control[p].socket().setSoTimeout(0);
      }
      Edge[] edges = new Edge[shape.star() ? n : 1];
      for (int p = 0; p < edges.length; p++) {
        edges[p] = new Edge.Socket(control[p], numParams, float32);
      }
      return new TreeStream(key, shape, edges, null, false, control, job, numParams, float32);
    } catch (java.net.SocketTimeoutException e) {
      abort(key, control, job);
      throw new Broken("the tasks did not link up within " + connectTimeoutMs + " ms", e);
    } catch (IOException e) {
      abort(key, control, job);
      throw new Broken("the stream's rendezvous failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(key, control, job);
      throw new Broken("interrupted while the stream's tasks connected", e);
    } catch (Broken e) {
      abort(key, control, job);
      throw e;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
  }

  private static void check(StreamJob job, long deadline, int connected, int n, StreamServer server,
      long timeoutMs) throws Broken {
    if (job.isDone()) {
      throw new Broken("the stream job ended before its tasks connected: " + failure(job), null);
    }
    if (remaining(deadline) <= 0) {
      throw new Broken(connected + " of " + n + " tasks connected within " + timeoutMs + " ms (fewer free task slots "
          + "than partitions" + (server == null ? "" : ", or executors cannot reach " + server.host + ":" + server.port)
          + ")", null);
    }
  }

  /** A task's hello: its partition, executor and where its children connect. */
  private record Hello(int partition, String executor, String host, int port) {
  }

  private static Hello hello(SocketChannel ch, StreamServer server, String key, int partitions) {
    try {
      ch.socket().setSoTimeout(HELLO_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(ch.socket().getInputStream());
      if (in.readInt() != Wire.MAGIC) {
        return null;
      }
      byte[] token = new byte[Wire.TOKEN_BYTES];
      in.readFully(token);
      String theirs = in.readUTF();
      int partition = in.readInt();
      String executor = in.readUTF();
      String host = in.readUTF();
      int port = in.readInt();
      boolean ok = MessageDigest.isEqual(token, server.token) && theirs.equals(key) && partition >= 0
          && partition < partitions;
      ch.socket().setSoTimeout(0);
      return ok ? new Hello(partition, executor, host, port) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Tells partition p's task its parent (−1: the driver) and its children, with the executors they run on. */
  private static void assign(SocketChannel ch, int p, TreeShape shape, Hello[] hellos) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    int parent = shape.parent(p);
    out.writeInt(parent);
    out.writeUTF(parent < 0 ? "driver" : hellos[parent].executor);
    out.writeUTF(parent < 0 ? "" : hellos[parent].host);
    out.writeInt(parent < 0 ? 0 : hellos[parent].port);
    int[] children = shape.children(p);
    out.writeInt(children.length);
    for (int c : children) {
      out.writeInt(c);
      out.writeUTF(hellos[c].executor);
    }
    Wire.writeFully(ch, ByteBuffer.wrap(bytes.toByteArray()));
  }

  /**
   * Runs step {@code step} (0-based) of {@code epoch} (0-based) at {@code params}: the step's SUMS, added in the
   * tree's order (a zero sum when no partition had rows); in local mode the root's additions are left pending ({@link
   * StepSums#fold}). The result may be the tasks' own buffers: it is valid until the next step. {@code meanwhile} runs
   * on this thread while the tasks compute.
   */
  public StepSums run(double[] params, int epoch, int step, Runnable meanwhile) throws Broken {
    if (job.isDone()) {
      throw new Broken("the stream's job ended (" + failure(job) + ")", null);
    }
    if (localRoot != null) {
      return runAsRoot(params, epoch, step, meanwhile);
    }
    long before = bytes();
    long busiest = 0;
    try {
      if (io != null) {
        exchangeInParallel(params, epoch, step, meanwhile);
      } else {
        for (Edge e : edges) {
          e.sendStep(epoch, step, params);
        }
        meanwhile.run();
        for (int i = 0; i < edges.length; i++) {
          Edge.Answer a = edges[i].receiveAnswer();
          parts[i] = a.sum();
          busiest = Math.max(busiest, a.maxTaskBytes());
        }
      }
    } catch (IOException e) {
      throw new Broken("the " + (shape.star() ? "star" : "tree") + " stopped answering (" + e.getMessage() + ")"
          + (job.isDone() ? ": " + failure(job) : ""), e);
    }
    for (int i = 0; io != null && i < edges.length; i++) {
      busiest = Math.max(busiest, answers[i].maxTaskBytes());
    }
    traffic = new Traffic(bytes() - before, busiest);
    GradientSum total = edges.length == 1 ? parts[0] : shape.fold(parts, float32, true);
    return StepSums.of(total == null ? new GradientSum(numParams) : total);
  }

  /**
   * Local mode: the root's step on the driver's thread, as its task would serve it: θ to the root's children, the
   * root's own share, then the children's SUMS, their additions in the tree's order left pending ({@link
   * TreeTask#subtreeSum}): the driver makes them in its next element-wise pass.
   */
  private StepSums runAsRoot(double[] params, int epoch, int step, Runnable meanwhile) throws Broken {
    try {
      for (Edge e : edges) {
        e.sendStep(epoch, step, params);
      }
      meanwhile.run();
      GradientSum own = localRoot.group() == null ? null
          : localRoot.computer().compute(localRoot.group(), 0, epoch, step, params);
      StepSums total = TreeTask.subtreeSum(own, localRoot.computer().float32Sums(), edges, float32).sums();
      traffic = new Traffic(0, 0);
      return total == null ? StepSums.of(new GradientSum(numParams)) : total;
    } catch (IOException e) {
      throw new Broken("the local stream stopped answering (" + e.getMessage() + ")"
          + (job.isDone() ? ": " + failure(job) : ""), e);
    }
  }

  /** Star over sockets: each edge's send and receive on its own thread, so that θ goes out to all tasks at once. */
  private void exchangeInParallel(double[] params, int epoch, int step, Runnable meanwhile) throws IOException {
    java.util.concurrent.Future<?>[] pending = new java.util.concurrent.Future<?>[edges.length];
    for (int i = 0; i < edges.length; i++) {
      Edge e = edges[i];
      int p = i;
      pending[i] = io.submit(() -> {
        e.sendStep(epoch, step, params);
        answers[p] = e.receiveAnswer();
        parts[p] = answers[p].sum();
        return null;
      });
    }
    meanwhile.run();
    for (java.util.concurrent.Future<?> f : pending) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /**
   * Local mode, when each of the stream's threads has a core (its waiting threads poll): lends {@code work} to the
   * threads of the root's children, which run it while they wait for the next step, each at most once and perhaps not
   * at all (the caller must not depend on it). Returns how many threads it was lent to; 0 when the stream has none to
   * lend (sockets, more threads than cores, or a root without children).
   */
  public int lend(Runnable work) {
    for (Edge.Local e : lenders) {
      e.lend(work);
    }
    return lenders.length;
  }

  /**
   * Local mode: the root's task's context, through which a thread of the driver may read data from Spark's cache while
   * the stream is open (that task only waits); null on sockets.
   */
  public org.apache.spark.TaskContext localContext() {
    return localRoot == null ? null : localRoot.handed().context();
  }

  private long bytes() {
    long b = 0;
    for (Edge e : edges) {
      b += e.bytes();
    }
    return b;
  }

  /** Bytes of the last step. */
  public Traffic traffic() {
    return traffic;
  }

  /** Ends the stream: tells the tree to return and waits for the job to finish. */
  @Override public void close() {
    closing = true;
    for (Edge e : edges) {
      e.sendEnd();
    }
    if (localRoot != null) {
      localRoot.endEdge().sendEnd();
    }
    try {
      job.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // tasks that could not finish cleanly: cancelled by abort()
    } finally {
      abort();
    }
  }

  /** Stops a broken stream: closes the edges, cancels the job and waits (briefly) for its slots. */
  public void abort() {
    closing = true;
    watchdog.interrupt();
    if (io != null) {
      io.shutdownNow();
    }
    for (Edge e : edges) {
      e.close();
    }
    abort(key, control, job);
  }

  private static void abort(String key, SocketChannel[] control, StreamJob job) {
    LocalEdges.removeAll(key);
    for (SocketChannel c : control) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
    if (!job.isDone()) {
      job.cancel();
      try {
        job.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // cancelled or failed: what matters is that its tasks are gone
      }
    }
  }

  /** Closes the driver's edges if the job ends while the driver may be waiting on them (executor lost, job cancelled). */
  private void watch() {
    while (!closing) {
      if (job.isDone()) {
        if (!closing) {
          for (Edge e : edges) {
            e.close();
          }
          LocalEdges.removeAll(key);
        }
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String failure(StreamJob job) {
    try {
      job.await(0, TimeUnit.SECONDS);
      return "it finished";
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return String.valueOf(c.getMessage()).lines().findFirst().orElse(c.toString());
    } catch (Exception e) {
      return e.toString();
    }
  }
}
