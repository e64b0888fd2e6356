package dev.nabla.train.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import org.apache.spark.SparkConf;

/**
 * The driver's listening socket for the {@link TreeStream}s of one training run on a cluster (local mode
 * needs none: its tasks run in the driver's JVM), where every task says hello and learns its place in the tree. Bound to {@code spark.driver.bindAddress}, else
 * {@code spark.driver.host}, on {@code spark.nabla.stream.port} (default 0: any free port); every
 * connecting task must present the run's random 32-byte token (it travels inside the task, as Spark's own
 * closures do).
 */
public final class StreamServer implements AutoCloseable {
  /** Spark configuration key of the port executors connect to (0: any free port). */
  public static final String PORT_KEY = "spark.nabla.stream.port";

  final String host;
  final int port;
  final byte[] token = new byte[Wire.TOKEN_BYTES];
  private final ServerSocketChannel socket;
  private final Selector selector;

  public StreamServer(SparkConf conf) throws IOException {
    this.host = conf.get("spark.driver.host", InetAddress.getLocalHost().getHostAddress());
    this.socket = ServerSocketChannel.open();
    socket.socket().setReuseAddress(true);
    socket.bind(new InetSocketAddress(conf.get("spark.driver.bindAddress", host), conf.getInt(PORT_KEY, 0)), 64);
    socket.configureBlocking(false);
    this.selector = Selector.open();
    socket.register(selector, SelectionKey.OP_ACCEPT);
    this.port = socket.socket().getLocalPort();
    new SecureRandom().nextBytes(token);
  }

  /** The next connection (in blocking mode), or null if none arrives within {@code millis}. */
  SocketChannel accept(long millis) throws IOException {
    SocketChannel ch = socket.accept();
    if (ch == null && selector.select(Math.max(1, millis)) > 0) {
      selector.selectedKeys().clear();
      ch = socket.accept();
    }
    if (ch != null) {
      ch.configureBlocking(true);
    }
    return ch;
  }

  @Override public void close() throws IOException {
    selector.close();
    socket.close();
  }
}
