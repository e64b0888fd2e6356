package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;

/**
 * The steps of one epoch without one Spark job per step: a single Spark job whose tasks
 * ({@link StreamTask}, one per cached partition) stay up for the epoch and exchange θ and their gradient
 * SUMS with the driver, each over its {@link StreamLink} (a socket; in local mode a hand-over of
 * references). Per step the driver sends {epoch, step, θ} to every task, receives their SUMS and adds them
 * in partition-index order with the same pairwise tree as the job path ({@link OrderedSums}), so a stream
 * step is bit for bit the one-job-per-step step; only Spark's per-job cost (scheduling, task
 * serialization, the broadcast's block-manager traffic, result serialization) is gone.
 *
 * <p>Failures: a task that dies closes its link; a job that ends early (executor lost, job cancelled) is
 * seen by a watchdog, which closes the links. Either way the pending step throws {@link Broken}, and the
 * caller runs that step, and the rest of the epoch, as one Spark job per step: the driver holds θ and
 * the optimizer state, and every step's rows and seeds depend only on (seed, epoch, step), so nothing is
 * lost or changed.
 */
final class StepStream implements AutoCloseable {
  private static final int HELLO_TIMEOUT_MS = 10_000;

  /** The stream cannot run, or stopped working; the message says why. */
  static final class Broken extends Exception {
    private static final long serialVersionUID = 1L;

    Broken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String key;
  private final StreamLink[] links;
  private final JavaFutureAction<Void> job;
  private final int numParams;
  private final ByteBuffer encoded;
  private final GradientSum[] parts;
  private final Thread watchdog;
  private final ExecutorService io;
  private volatile boolean closing;

  private StepStream(String key, StreamLink[] links, JavaFutureAction<Void> job, int numParams, boolean sockets) {
    this.key = key;
    this.links = links;
    this.job = job;
    this.numParams = numParams;
    this.encoded = sockets ? ByteBuffer.allocateDirect(numParams * Double.BYTES) : null;
    this.parts = new GradientSum[links.length];
    this.io = sockets && links.length > 1 ? Executors.newFixedThreadPool(links.length, r -> {
      Thread t = new Thread(r, "nabla-step-stream-io");
      t.setDaemon(true);
      return t;
    }) : null;
    this.watchdog = new Thread(this::watch, "nabla-step-stream-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Starts the epoch's stream job on {@code batches.data()} and waits until every partition's task has
   * connected: in this JVM when {@code server} is null (local mode), else to the server's socket. Throws
   * {@link Broken} (after cancelling the job) if that does not happen within {@code connectTimeoutMs} or
   * the job ends first.
   */
  static StepStream open(Batches batches, int numParams, StreamServer server, long connectTimeoutMs) throws Broken {
    String key = UUID.randomUUID().toString();
    int n = batches.data().getNumPartitions();
    StreamLink[] links = new StreamLink[n];
    LocalStreams.Session local = server == null ? LocalStreams.open(key, n) : null;
    if (local != null) {
      System.arraycopy(local.links(), 0, links, 0, n); // so that an abort closes them too
    }
    StreamTask task = server == null ? new StreamTask(key, null, 0, new byte[0], batches.tasks(), numParams)
        : new StreamTask(key, server.host, server.port, server.token, batches.tasks(), numParams);
    JavaFutureAction<Void> job = batches.data().foreachPartitionAsync(task);
    try {
      long deadline = System.nanoTime() + connectTimeoutMs * 1_000_000L;
      int connected = 0;
      while (connected < n) {
        if (job.isDone()) {
          throw new Broken("the stream job ended before its tasks connected: " + failure(job), null);
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw new Broken(connected + " of " + n + " tasks connected within " + connectTimeoutMs + " ms (fewer free "
              + "task slots than partitions" + (server == null ? "" : ", or executors cannot reach " + server.host + ":"
              + server.port) + ")", null);
        }
        connected = local != null ? local.awaitConnected(Math.min(left, 250)) : accept(server, key, links, left, numParams)
            ? connected + 1 : connected;
      }
      return new StepStream(key, links, job, numParams, server != null);
    } catch (IOException e) {
      abort(key, links, job);
      throw new Broken("the driver's stream socket failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(key, links, job);
      throw new Broken("interrupted while the stream's tasks connected", e);
    } catch (Broken e) {
      abort(key, links, job);
      throw e;
    }
  }

  /** Accepts one connection (waiting at most 250 ms); true if it was a new task of this stream. */
  private static boolean accept(StreamServer server, String key, StreamLink[] links, long left, int numParams)
      throws IOException {
    SocketChannel ch = server.accept(Math.min(left, 250));
    if (ch == null) {
      return false;
    }
    int partition = hello(ch, server, key, links.length);
    if (partition < 0 || links[partition] != null) {
      ch.close(); // a stranger, a task of an aborted stream, or a duplicate attempt
      return false;
    }
    links[partition] = new StreamLink.Socket(ch, numParams);
    return true;
  }

  /** The partition a connecting task holds, or −1 if its hello is not one of this stream's. */
  private static int hello(SocketChannel ch, StreamServer server, String key, int partitions) {
    try {
      ch.socket().setSoTimeout(HELLO_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(ch.socket().getInputStream());
      if (in.readInt() != StreamWire.MAGIC) {
        return -1;
      }
      byte[] token = new byte[StreamWire.TOKEN_BYTES];
      in.readFully(token);
      String theirs = in.readUTF();
      int partition = in.readInt();
      boolean ok = MessageDigest.isEqual(token, server.token) && theirs.equals(key) && partition >= 0
          && partition < partitions;
      return ok ? partition : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Runs step {@code step} (0-based) of {@code epoch} (0-based) at {@code params}: the SUM of every
   * partition's share in partition-index order (not divided). The result may use the partitions' own
   * buffers: it is valid until the next step. {@code meanwhile} runs on this thread while the tasks compute.
   */
  GradientSum run(double[] params, int epoch, int step, Runnable meanwhile) throws Broken {
    if (job.isDone()) {
      throw new Broken("the stream's job ended (" + failure(job) + ")", null);
    }
    if (encoded != null) {
      encoded.clear();
      StreamWire.putDoubles(encoded, params);
      encoded.flip();
    }
    if (io != null) {
      return exchangeInParallel(params, epoch, step, meanwhile);
    }
    int i = 0;
    try {
      for (i = 0; i < links.length; i++) {
        links[i].send(epoch, step, params, encoded);
      }
      meanwhile.run();
      for (i = 0; i < links.length; i++) {
        parts[i] = links[i].receive();
      }
    } catch (IOException e) {
      throw broken(i, e);
    }
    return OrderedSums.treeSum(parts, numParams);
  }

  /**
   * Sockets: each link's send and receive on its own thread, so that copying θ out and the SUMS in runs
   * for all tasks at once instead of one after the other (a 1M-parameter step moves 8 MB each way per task).
   */
  private GradientSum exchangeInParallel(double[] params, int epoch, int step, Runnable meanwhile) throws Broken {
    Future<?>[] pending = new Future<?>[links.length];
    for (int i = 0; i < links.length; i++) {
      StreamLink link = links[i];
      int p = i;
      pending[i] = io.submit(() -> {
        link.send(epoch, step, params, encoded);
        parts[p] = link.receive();
        return null;
      });
    }
    meanwhile.run();
    for (int i = 0; i < links.length; i++) {
      try {
        pending[i].get();
      } catch (ExecutionException e) {
        throw broken(i, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw broken(i, new IOException("interrupted", e));
      }
    }
    return OrderedSums.treeSum(parts, numParams);
  }

  private Broken broken(int partition, IOException e) {
    return new Broken("partition " + partition + "'s task stopped answering (" + e.getMessage() + ")"
        + (job.isDone() ? ": " + failure(job) : ""), e);
  }

  /** Ends the stream: tells every task to return and waits for the job to finish. */
  @Override public void close() {
    closing = true;
    for (StreamLink l : links) {
      l.end();
    }
    try {
      job.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // tasks that could not finish cleanly: cancelled by abort()
    } finally {
      abort();
    }
  }

  /** Stops a broken stream: closes the links, cancels the job and waits (briefly) for its slots. */
  void abort() {
    closing = true;
    watchdog.interrupt();
    if (io != null) {
      io.shutdownNow();
    }
    abort(key, links, job);
  }

  private static void abort(String key, StreamLink[] links, JavaFutureAction<Void> job) {
    LocalStreams.remove(key);
    closeAll(links);
    if (!job.isDone()) {
      job.cancel(true);
      try {
        job.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // cancelled or failed: what matters is that its tasks are gone
      }
    }
  }

  private static void closeAll(StreamLink[] links) {
    for (StreamLink l : links) {
      if (l != null) {
        l.close();
      }
    }
  }

  /** Closes the links if the job ends while the driver may be waiting on them (executor lost, job cancelled). */
  private void watch() {
    while (!closing) {
      if (job.isDone()) {
        if (!closing) {
          closeAll(links);
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

  private static String failure(JavaFutureAction<Void> job) {
    try {
      job.get(0, TimeUnit.SECONDS);
      return "it finished";
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return String.valueOf(c.getMessage()).lines().findFirst().orElse(c.toString());
    } catch (Exception e) {
      return e.toString();
    }
  }
}
