package dev.nabla.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Doubles as raw bytes (little-endian IEEE 754, bit for bit), the form parameters and gradient sums
 * travel in: Spark's default Java serializer copies a {@code byte[]} in one block, where a
 * {@code double[]} goes through it value by value, which cost more than the step's arithmetic.
 */
final class Doubles {
  private Doubles() {
  }

  /** The values of {@code v[0..n)} preceded by {@code head}, as bytes. */
  static byte[] encode(double[] head, double[] v) {
    return encodeInto(new byte[(head.length + v.length) * Double.BYTES], head, v);
  }

  /** As {@link #encode}, into {@code out}, whose length must be exactly (head.length + v.length) · 8; returns out. */
  static byte[] encodeInto(byte[] out, double[] head, double[] v) {
    if (out.length != (head.length + v.length) * Double.BYTES) {
      throw new IllegalArgumentException("expected " + (head.length + v.length) * Double.BYTES + " bytes, got "
          + out.length);
    }
    DoubleBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    b.put(head);
    b.put(v);
    return out;
  }

  /** A view of bytes written by {@link #encode}. */
  static DoubleBuffer view(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
  }

  /** Decodes bytes written by {@code encode(new double[0], v)} into {@code into} (length must match). */
  static double[] decode(byte[] bytes, double[] into) {
    if (bytes.length != into.length * Double.BYTES) {
      throw new IllegalArgumentException("expected " + into.length + " doubles, got " + bytes.length + " bytes");
    }
    view(bytes).get(into);
    return into;
  }
}
