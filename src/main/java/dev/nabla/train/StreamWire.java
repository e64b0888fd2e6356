package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The step stream's socket format, shared by the driver ({@link StreamLink.Socket}) and the executors
 * ({@link StreamTask}), over blocking {@link SocketChannel}s and direct buffers, so that θ and the SUMS
 * go between a {@code double[]} and the kernel with one copy each way. Ints are big-endian, doubles
 * little-endian IEEE 754 bit for bit (as {@link Doubles}).
 *
 * <ul>
 *   <li>hello, task → driver: {MAGIC, token (32 bytes), stream key (UTF), partition}</li>
 *   <li>step, driver → task: {STEP, epoch, step, θ (8P bytes)}; end: {END}</li>
 *   <li>answer, task → driver: {length, count, loss sum, gradient sum (8P bytes)}, or {0} for no rows</li>
 * </ul>
 */
final class StreamWire {
  static final int MAGIC = 0x4e61424c;
  static final int STEP = 1;
  static final int END = 0;
  static final int TOKEN_BYTES = 32;

  private StreamWire() {
  }

  /** A direct buffer for a message of {@code doubles} doubles and a header of up to 32 bytes. */
  static ByteBuffer buffer(int doubles) {
    return ByteBuffer.allocateDirect(32 + doubles * Double.BYTES);
  }

  /** Writes all of {@code b} (position to limit). */
  static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
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

  /** Puts {@code v} as little-endian doubles at the buffer's position and advances it. */
  static void putDoubles(ByteBuffer b, double[] v) {
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(v);
    b.position(b.position() + v.length * Double.BYTES);
  }

  /** Reads little-endian doubles at the buffer's position into {@code into} and advances it. */
  static void getDoubles(ByteBuffer b, double[] into) {
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(into);
    b.position(b.position() + into.length * Double.BYTES);
  }

  /** The answer's length field for P parameters: count, loss sum and P gradient entries. */
  static int answerLength(int numParams) {
    return (2 + numParams) * Double.BYTES;
  }

  /** Writes the answer of {@code sum} (null: no rows) using {@code b} (from {@link #buffer}). */
  static void writeAnswer(SocketChannel ch, ByteBuffer b, GradientSum sum) throws IOException {
    b.clear();
    if (sum == null) {
      b.putInt(0);
    } else {
      b.putInt(answerLength(sum.gradient.length));
      b.order(ByteOrder.LITTLE_ENDIAN).putDouble(sum.count).putDouble(sum.lossSum).order(ByteOrder.BIG_ENDIAN);
      putDoubles(b, sum.gradient);
    }
    writeFully(ch, b.flip());
  }
}
