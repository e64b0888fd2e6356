package dev.nabla.train.stream;

import dev.nabla.nn.GradientSum;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibrates the step's cost model ({@link StepCostModel}, docs/scaling.md) on this machine and prints its
 * predictions. Over one loopback TCP connection it times round trips of a vector through {@link Wire}'s own
 * conversions (a parent sending θ, the child answering with as many values): the intercept of time against bytes is
 * 2α, the slope 2/B. It times {@link GradientSum#add}, the addition a parent does per child, per value. Then it prints
 * the model's communication time per step for the star, the tree and a ring all-reduce at 10 and 25 Gb/s, with the
 * α measured here plus a network's one-way latency. Run it through {@code submit-scripts/bench-core.sh --links}.
 */
public final class LinkCalibration {
  private static final int[] SIZES = {1, 1_000, 12_500, 125_000, 1_250_000};
  private static final int ROUNDS = 41;

  private LinkCalibration() {
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    double networkLatency = 25e-6;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(loopback, 0));
      Thread echo = new Thread(() -> echo(server), "link-calibration-echo");
      echo.setDaemon(true);
      echo.start();
      try (SocketChannel ch = SocketChannel.open(server.getLocalAddress())) {
        ch.socket().setTcpNoDelay(true);
        List<double[]> points = new ArrayList<>();
        int rounds = quick ? 5 : ROUNDS;
        System.out.println("| values | bytes (float64) | round trip, median of " + rounds + " |");
        System.out.println("|---|---|---|");
        for (int n : SIZES) {
          double rtt = roundTrip(ch, n, rounds);
          points.add(new double[] {Wire.bytes(n, false), rtt});
          System.out.printf(Locale.ROOT, "| %d | %d | %.1f µs |%n", n, Wire.bytes(n, false), rtt * 1e6);
        }
        Wire.writeFully(ch, ByteBuffer.allocate(4).putInt(0).flip());
        double[] fit = fit(points);
        double alpha = fit[0] / 2;
        double bandwidth = 2 / fit[1];
        double add = addSecondsPerValue(quick);
        System.out.printf(Locale.ROOT, "%nloopback: α = %.1f µs per message, B = %.2f GB/s (Wire's conversions "
            + "included); one addition of a child's SUMS: %.2f ns per value%n", alpha * 1e6, bandwidth / 1e9, add * 1e9);
        for (double gbits : new double[] {10, 25}) {
          StepCostModel m = new StepCostModel(alpha + networkLatency, gbits * 1e9 / 8, add);
          System.out.printf(Locale.ROOT, "%n%s%n", m.table(gbits));
        }
      }
    }
  }

  /** Median seconds of one round trip: {@code n} float64 values each way, one message each. */
  private static double roundTrip(SocketChannel ch, int n, int rounds) throws IOException {
    double[] v = new double[n];
    Arrays.fill(v, 0.5);
    ByteBuffer out = Wire.buffer(n);
    ByteBuffer in = Wire.buffer(n);
    double[] times = new double[rounds];
    for (int warm = 0; warm < 5; warm++) {
      once(ch, v, out, in);
    }
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      once(ch, v, out, in);
      times[r] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(times);
    return times[rounds / 2];
  }

  private static void once(SocketChannel ch, double[] v, ByteBuffer out, ByteBuffer in) throws IOException {
    out.clear();
    out.putInt(v.length);
    Wire.put(out, v, false);
    Wire.writeFully(ch, out.flip());
    int n = Wire.readFully(ch, in, 4).getInt();
    Wire.readFully(ch, in, Wire.bytes(n, false));
    Wire.get(in, v, false);
  }

  /** The far end: reads a message, converts it to doubles and answers with as many values; stops at 0 values. */
  private static void echo(ServerSocketChannel server) {
    try (SocketChannel ch = server.accept()) {
      ch.socket().setTcpNoDelay(true);
      ByteBuffer in = Wire.buffer(SIZES[SIZES.length - 1]);
      ByteBuffer out = Wire.buffer(SIZES[SIZES.length - 1]);
      while (true) {
        int n = Wire.readFully(ch, in, 4).getInt();
        if (n == 0) {
          return;
        }
        double[] v = new double[n];
        Wire.readFully(ch, in, Wire.bytes(n, false));
        Wire.get(in, v, false);
        out.clear();
        out.putInt(n);
        Wire.put(out, v, false);
        Wire.writeFully(ch, out.flip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("echo end failed: " + e.getMessage(), e);
    }
  }

  /** Least squares of y on x: {intercept, slope}. */
  static double[] fit(List<double[]> points) {
    double n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      sxy += p[0] * p[1];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {(sy - slope * sx) / n, slope};
  }

  /** Seconds per value of adding one 1M-value SUMS into another ({@link GradientSum#add}), median. */
  private static double addSecondsPerValue(boolean quick) {
    int p = 1_000_000;
    GradientSum acc = new GradientSum(p);
    double[] g = new double[p];
    Arrays.fill(g, 1e-3);
    GradientSum child = new GradientSum(g, 1, 1);
    int rounds = quick ? 5 : 41;
    double[] times = new double[rounds];
    for (int r = -5; r < rounds; r++) {
      long t0 = System.nanoTime();
      acc.add(child);
      if (r >= 0) {
        times[r] = (System.nanoTime() - t0) / 1e9;
      }
    }
    Arrays.sort(times);
    return times[rounds / 2] / p;
  }
}
