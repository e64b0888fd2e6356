package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;

/**
 * The steps of one epoch without one Spark job per step: a single Spark job whose tasks
 * ({@link StreamTask}, one per cached partition) stay up for the epoch and exchange θ and their gradient
 * SUMS with the driver over one socket each. Per step the driver writes {epoch, step, θ} to every task,
 * reads their SUMS back and adds them in partition-index order with the same {@link OrderedSums} tree as
 * the job path, so a stream step is bit for bit the one-job-per-step step; only Spark's per-job cost
 * (scheduling, task serialization, the broadcast's block-manager traffic) is gone.
 *
 * <p>Failures: a task that dies closes its socket; a job that ends early (executor lost, task killed) is
 * seen by a watchdog, which closes the sockets. Either way the pending step throws {@link Broken}, and
 * the caller runs that step, and the rest of the epoch, as one Spark job per step: the driver holds θ and
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

  private final Socket[] sockets;
  private final InputStream[] ins;
  private final DataOutputStream[] outs;
  private final JavaFutureAction<Void> job;
  private final OrderedSums sums;
  private final byte[] paramBytes;
  private final byte[][] results;
  private final byte[] header = new byte[4];
  private final Thread watchdog;
  private volatile boolean closing;

  private StepStream(Socket[] sockets, JavaFutureAction<Void> job, Batches batches, int numParams) throws IOException {
    this.sockets = sockets;
    this.job = job;
    this.ins = new InputStream[sockets.length];
    this.outs = new DataOutputStream[sockets.length];
    for (int i = 0; i < sockets.length; i++) {
      sockets[i].setSoTimeout(0);
      ins[i] = sockets[i].getInputStream();
      outs[i] = new DataOutputStream(sockets[i].getOutputStream());
    }
    this.sums = new OrderedSums(batches.data(), numParams);
    this.paramBytes = new byte[numParams * Double.BYTES];
    this.results = new byte[sockets.length][];
    this.watchdog = new Thread(this::watch, "nabla-step-stream-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Starts the epoch's stream job on {@code batches.data()} and waits until every partition's task has
   * connected; throws {@link Broken} (after cancelling the job) if that does not happen within the
   * server's connect timeout or the job ends first.
   */
  static StepStream open(StreamServer server, Batches batches, int numParams) throws Broken {
    long session = server.nextSession();
    int n = batches.data().getNumPartitions();
    JavaFutureAction<Void> job = batches.data().foreachPartitionAsync(
        new StreamTask(server.host, server.port, server.token, session, batches.tasks(), numParams));
    Socket[] sockets = new Socket[n];
    try {
      int connected = 0;
      long deadline = System.nanoTime() + server.connectTimeoutMs * 1_000_000L;
      while (connected < n) {
        if (job.isDone()) {
          throw new Broken("the stream job ended before its tasks connected: " + failure(job), null);
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw new Broken(connected + " of " + n + " tasks connected within " + server.connectTimeoutMs
              + " ms (fewer free task slots than partitions, or executors cannot reach " + server.host + ":"
              + server.port + ")", null);
        }
        server.socket.setSoTimeout((int) Math.min(left, 250));
        Socket s;
        try {
          s = server.socket.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        int partition = hello(s, server, session, n);
        if (partition < 0 || sockets[partition] != null) {
          s.close(); // a stranger, a task of an aborted stream, or a duplicate attempt
          continue;
        }
        s.setTcpNoDelay(true);
        sockets[partition] = s;
        connected++;
      }
      return new StepStream(sockets, job, batches, numParams);
    } catch (IOException e) {
      abort(sockets, job);
      throw new Broken("the driver's stream socket failed: " + e, e);
    } catch (Broken e) {
      abort(sockets, job);
      throw e;
    }
  }

  /** The partition a connecting task holds, or −1 if its hello is not one of this session's. */
  private static int hello(Socket s, StreamServer server, long session, int partitions) {
    try {
      s.setSoTimeout(HELLO_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(s.getInputStream());
      if (in.readInt() != StreamTask.MAGIC) {
        return -1;
      }
      long theirs = in.readLong();
      byte[] token = new byte[StreamTask.TOKEN_BYTES];
      in.readFully(token);
      int partition = in.readInt();
      boolean ok = MessageDigest.isEqual(token, server.token) && theirs == session && partition >= 0
          && partition < partitions;
      return ok ? partition : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Runs step {@code step} (0-based) of {@code epoch} (0-based) at {@code params}: the SUM of every
   * partition's share in partition-index order (not divided).
   */
  GradientSum run(double[] params, int epoch, int step) throws Broken {
    Doubles.encodeInto(paramBytes, new double[0], params);
    int i = 0;
    try {
      for (i = 0; i < sockets.length; i++) {
        outs[i].writeInt(StreamTask.STEP);
        outs[i].writeInt(epoch);
        outs[i].writeInt(step);
        outs[i].write(paramBytes);
        outs[i].flush();
      }
      for (i = 0; i < sockets.length; i++) {
        readFully(ins[i], header, 4);
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
            | (header[3] & 0xff);
        if (length != 0 && length != OrderedSums.encodedLength(paramBytes.length / Double.BYTES)) {
          throw new IOException("partition " + i + " sent " + length + " bytes");
        }
        if (results[i] == null || results[i].length != length) {
          results[i] = new byte[length];
        }
        readFully(ins[i], results[i], length);
      }
    } catch (IOException e) {
      throw new Broken("partition " + i + "'s task stopped answering (" + e.getMessage() + ")"
          + (job.isDone() ? ": " + failure(job) : ""), e);
    }
    return sums.treeSum(results);
  }

  private static void readFully(InputStream in, byte[] into, int length) throws IOException {
    int off = 0;
    while (off < length) {
      int r = in.read(into, off, length - off);
      if (r < 0) {
        throw new java.io.EOFException("connection closed");
      }
      off += r;
    }
  }

  /** Ends the stream: tells every task to return and waits for the job to finish. */
  @Override public void close() {
    closing = true;
    try {
      for (DataOutputStream out : outs) {
        out.writeInt(StreamTask.END);
        out.flush();
      }
      job.get(60, TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      abort(sockets, job);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(sockets, job);
    } finally {
      closeAll(sockets);
      watchdog.interrupt();
    }
  }

  /** Stops a broken stream: closes the sockets, cancels the job and waits (briefly) for its slots. */
  void abort() {
    closing = true;
    watchdog.interrupt();
    abort(sockets, job);
  }

  private static void abort(Socket[] sockets, JavaFutureAction<Void> job) {
    closeAll(sockets);
    job.cancel(true);
    try {
      job.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // cancelled or failed: what matters is that its tasks are gone
    }
  }

  private static void closeAll(Socket[] sockets) {
    for (Socket s : sockets) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }

  /** Closes the sockets if the job ends while the driver may be waiting on them (executor lost, task killed). */
  private void watch() {
    while (!closing) {
      if (job.isDone()) {
        if (!closing) {
          closeAll(sockets);
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
