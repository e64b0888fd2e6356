package dev.nabla.train;

import dev.nabla.nn.GradientSum;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
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
 *   <li>answer, task → driver: {length, then the SUMS as {@link OrderedSums#put} lays them out}, or {0} for
 *       no rows</li>
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

  /** The little-endian doubles from the buffer's position on (advance the buffer by what is used). */
  static DoubleBuffer doubles(ByteBuffer b) {
    return b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
  }

  /** Puts {@code v} as little-endian doubles at the buffer's position and advances it. */
  static void putDoubles(ByteBuffer b, double[] v) {
    doubles(b).put(v);
    b.position(b.position() + v.length * Double.BYTES);
  }

  /** Reads little-endian doubles at the buffer's position into {@code into} and advances it. */
  static void getDoubles(ByteBuffer b, double[] into) {
    doubles(b).get(into);
    b.position(b.position() + into.length * Double.BYTES);
  }

  /** Writes the answer of {@code sum} (null: no rows) using {@code b} (from {@link #buffer}). */
  static void writeAnswer(SocketChannel ch, ByteBuffer b, GradientSum sum) throws IOException {
    b.clear();
    if (sum == null) {
      b.putInt(0);
    } else {
      int length = OrderedSums.encodedLength(sum.gradient.length);
      b.putInt(length);
      OrderedSums.put(sum, doubles(b));
      b.position(b.position() + length);
    }
    writeFully(ch, b.flip());
  }

  /** Reads an answer into {@code b} (from {@link #buffer}): the SUMS over {@code into}, null for no rows. */
  static GradientSum readAnswer(SocketChannel ch, ByteBuffer b, double[] into) throws IOException {
    int length = readFully(ch, b, 4).getInt();
    if (length == 0) {
      return null;
    }
    if (length != OrderedSums.encodedLength(into.length)) {
      throw new IOException("an answer of " + length + " bytes, expected " + OrderedSums.encodedLength(into.length));
    }
    return OrderedSums.get(doubles(readFully(ch, b, length)), into);
  }
}
