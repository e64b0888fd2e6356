package dev.nabla.train.stream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The tree stream's socket format, over blocking {@link SocketChannel}s and direct buffers (one copy between a
 * {@code double[]} and the kernel each way). Ints and longs are big-endian; θ and the SUMS little-endian, as
 * float64 bit for bit, or as float32 (rounded) when the stream sends that precision.
 *
 * <ul>
 *   <li>hello, task → driver: {MAGIC, token (32 bytes), stream key (UTF), partition, executor id (UTF), host (UTF),
 *       port}; assignment, driver → task: {parent (−1: the driver), parent's executor (UTF), host (UTF), port,
 *       children count, each child's partition}; ready, task → driver: {READY}</li>
 *   <li>child hello, child → parent: {MAGIC, token, stream key, partition}</li>
 *   <li>step, parent → child: {STEP, epoch, step, θ}; end: {END}</li>
 *   <li>answer, child → parent: {0} (no rows in the subtree) or {1, the subtree's busiest task's bytes this step
 *       (long), count (long), loss SUM (float64), gradient SUM}</li>
 * </ul>
 */
final class Wire {
  static final int MAGIC = 0x4e61424d;
  static final int STEP = 1;
  static final int END = 0;
  static final int READY = 2;
  static final int TOKEN_BYTES = 32;

  private Wire() {
  }

  /** A direct buffer for a message of {@code values} values and a header of up to 64 bytes. */
  static ByteBuffer buffer(int values) {
    return ByteBuffer.allocateDirect(64 + values * Double.BYTES);
  }

  /** Writes all of {@code b} (position to limit); returns the bytes written. */
  static int writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
    int n = b.remaining();
    while (b.hasRemaining()) {
      ch.write(b);
    }
    return n;
  }

  /** Reads exactly {@code n} bytes into {@code b} from position 0 and flips it for reading. */
  static ByteBuffer readFully(SocketChannel ch, ByteBuffer b, int n) throws IOException {
    b.clear().limit(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("connection closed");
      }
    }
    return b.flip().order(ByteOrder.BIG_ENDIAN);
  }

  /** Bytes of {@code n} values at the given precision. */
  static int bytes(int n, boolean float32) {
    return n * (float32 ? Float.BYTES : Double.BYTES);
  }

  /** Puts {@code v} at the buffer's position (little-endian, float64 or float32) and advances it. */
  static void put(ByteBuffer b, double[] v, boolean float32) {
    ByteBuffer s = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (float32) {
      java.nio.FloatBuffer f = s.asFloatBuffer();
      for (double x : v) {
        f.put((float) x);
      }
    } else {
      s.asDoubleBuffer().put(v);
    }
    b.position(b.position() + bytes(v.length, float32));
  }

  /** Reads values at the buffer's position into {@code into} and advances it. */
  static void get(ByteBuffer b, double[] into, boolean float32) {
    ByteBuffer s = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (float32) {
      java.nio.FloatBuffer f = s.asFloatBuffer();
      for (int i = 0; i < into.length; i++) {
        into[i] = f.get();
      }
    } else {
      s.asDoubleBuffer().get(into);
    }
    b.position(b.position() + bytes(into.length, float32));
  }
}
