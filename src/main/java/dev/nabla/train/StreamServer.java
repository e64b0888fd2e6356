package dev.nabla.train;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import org.apache.spark.SparkConf;

/**
 * The driver's listening socket for {@link StepStream}s, one per training run: bound to the driver's
 * address (loopback in local mode; {@code spark.driver.bindAddress}, else {@code spark.driver.host}, on a
 * cluster) on {@code spark.nabla.stream.port} (default 0: any free port), with a random 32-byte token
 * that every connecting task must present (it travels inside the task, as Spark's own closures do).
 */
final class StreamServer implements AutoCloseable {
  /** Spark configuration key of the port executors connect to (0: any free port). */
  static final String PORT_KEY = "spark.nabla.stream.port";
  /** Spark configuration key of how long the driver waits for all tasks of a stream to connect. */
  static final String TIMEOUT_KEY = "spark.nabla.stream.connectTimeout";

  final String host;
  final int port;
  final byte[] token = new byte[StreamTask.TOKEN_BYTES];
  final long connectTimeoutMs;
  final ServerSocket socket;
  private long sessions;

  StreamServer(SparkConf conf) throws IOException {
    boolean local = conf.get("spark.master", "local").startsWith("local");
    String advertised = local ? InetAddress.getLoopbackAddress().getHostAddress()
        : conf.get("spark.driver.host", InetAddress.getLocalHost().getHostAddress());
    String bind = local ? advertised : conf.get("spark.driver.bindAddress", advertised);
    this.socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(bind, conf.getInt(PORT_KEY, 0)), 64);
    this.host = advertised;
    this.port = socket.getLocalPort();
    this.connectTimeoutMs = conf.getTimeAsMs(TIMEOUT_KEY, "60s");
    new SecureRandom().nextBytes(token);
  }

  /** A new session number: connections of older (aborted) sessions are refused. */
  synchronized long nextSession() {
    return ++sessions;
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
