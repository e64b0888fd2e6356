package dev.nabla.data.block;

import java.io.Serializable;

/**
 * A run of numbers stored in the narrowest encoding that gives every one of them back exactly
 * ({@link #exact}): unsigned bytes k / s (k = 0..255, s the source's byte scale: 1 for integer data,
 * 255 for IDX pixels), float32, or float64. Or, when the user opts in, float32 rounded ({@link #rounded}).
 * Immutable once built; decoding is a table look-up (bytes) or a widening (float32).
 */
public abstract sealed class Values implements Serializable permits Values.Bytes, Values.Floats, Values.Doubles {
  private static final long serialVersionUID = 1L;

  /** The encodings, narrowest first. */
  public enum Encoding {
    U8(1), F32(4), F64(8);

    /** Bytes per value. */
    public final int bytes;

    Encoding(int bytes) {
      this.bytes = bytes;
    }

    /** The wider of the two. */
    public Encoding max(Encoding o) {
      return ordinal() >= o.ordinal() ? this : o;
    }
  }

  /** The number of values. */
  public abstract int length();

  /** Value i, decoded. */
  public abstract double get(int i);

  /** {@code dst[dstOff + k] = get(from + k)} for k &lt; len. */
  public abstract void copyTo(int from, double[] dst, int dstOff, int len);

  /** The encoding. */
  public abstract Encoding encoding();

  /** Bytes held (the values only). */
  public long bytes() {
    return (long) length() * encoding().bytes;
  }

  /**
   * {@code raw[0..n)} in the narrowest encoding that holds each value bit for bit: bytes when every value is
   * k / byteScale for an integer k in 0..255, else float32 when every value is a float, else float64.
   *
   * @param byteScale s of the byte encoding (1: the integers 0..255; 255: IDX pixels k / 255)
   */
  public static Values exact(double[] raw, int n, double byteScale) {
    boolean bytes = true;
    boolean floats = true;
    for (int i = 0; i < n && (bytes || floats); i++) {
      double v = raw[i];
      long bits = Double.doubleToRawLongBits(v);
      if (bytes) {
        double k = Math.rint(v * byteScale);
        bytes = k >= 0 && k <= 255 && Double.doubleToRawLongBits((int) k / byteScale) == bits;
      }
      if (floats) {
        floats = Double.doubleToRawLongBits((float) v) == bits;
      }
    }
    if (bytes) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (int) Math.rint(raw[i] * byteScale);
      }
      return new Bytes(b, byteScale);
    }
    return floats ? floats(raw, n) : new Doubles(java.util.Arrays.copyOf(raw, n));
  }

  /**
   * {@code raw[0..n)} as float32, rounded to nearest (what {@code --storage-precision float32} stores), unless
   * the exact encoding is as narrow (bytes).
   */
  public static Values rounded(double[] raw, int n, double byteScale) {
    Values v = exact(raw, n, byteScale);
    return v instanceof Doubles ? floats(raw, n) : v;
  }

  private static Floats floats(double[] raw, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) raw[i];
    }
    return new Floats(f);
  }

  /** Unsigned bytes k, decoding to k / scale through a 256-entry table (exactly the source's own division). */
  static final class Bytes extends Values {
    private static final long serialVersionUID = 1L;
    private final byte[] values;
    private final double scale;
    private transient double[] table;

    Bytes(byte[] values, double scale) {
      this.values = values;
      this.scale = scale;
    }

    private double[] table() {
      double[] t = table;
      if (t == null) {
        t = new double[256];
        for (int k = 0; k < 256; k++) {
          t[k] = k / scale;
        }
        table = t;
      }
      return t;
    }

    @Override public int length() {
      return values.length;
    }

    @Override public double get(int i) {
      return table()[values[i] & 0xFF];
    }

    @Override public void copyTo(int from, double[] dst, int dstOff, int len) {
      double[] t = table();
      for (int k = 0; k < len; k++) {
        dst[dstOff + k] = t[values[from + k] & 0xFF];
      }
    }

    @Override public Encoding encoding() {
      return Encoding.U8;
    }
  }

  /** float32, widened on read. */
  static final class Floats extends Values {
    private static final long serialVersionUID = 1L;
    private final float[] values;

    Floats(float[] values) {
      this.values = values;
    }

    @Override public int length() {
      return values.length;
    }

    @Override public double get(int i) {
      return values[i];
    }

    @Override public void copyTo(int from, double[] dst, int dstOff, int len) {
      for (int k = 0; k < len; k++) {
        dst[dstOff + k] = values[from + k];
      }
    }

    @Override public Encoding encoding() {
      return Encoding.F32;
    }
  }

  /** float64 as given. */
  static final class Doubles extends Values {
    private static final long serialVersionUID = 1L;
    private final double[] values;

    Doubles(double[] values) {
      this.values = values;
    }

    @Override public int length() {
      return values.length;
    }

    @Override public double get(int i) {
      return values[i];
    }

    @Override public void copyTo(int from, double[] dst, int dstOff, int len) {
      System.arraycopy(values, from, dst, dstOff, len);
    }

    @Override public Encoding encoding() {
      return Encoding.F64;
    }
  }
}
