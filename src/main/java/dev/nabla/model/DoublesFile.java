package dev.nabla.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The binary file of a model: a magic number (4 bytes), the format version (int), the number of
 * doubles n (int), n big-endian IEEE-754 doubles (raw bits, so every value including NaN payloads
 * round-trips bitwise), then the CRC32 (int) of all bytes before it. Total size 16 + 8n bytes.
 */
final class DoublesFile {
  /** "NBPA": Nabla parameters. */
  static final int PARAMS_MAGIC = 0x4E425041;
  /** "NBSC": Nabla scaling. */
  static final int SCALING_MAGIC = 0x4E425343;
  static final int VERSION = 1;
  private static final int HEADER_BYTES = 12;
  private static final int CHUNK_BYTES = 1 << 16;

  private DoublesFile() {
  }

  /** Writes {@code data} to a new file (failing if it exists). */
  static void write(FileSystem fs, Path file, int magic, double[] data) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES);
    try (OutputStream out = fs.create(file, false)) {
      buf.putInt(magic).putInt(VERSION).putInt(data.length);
      for (double d : data) {
        if (buf.remaining() < Double.BYTES) {
          drain(buf, out, crc);
        }
        buf.putDouble(d);
      }
      drain(buf, out, crc);
      buf.putInt((int) crc.getValue());
      out.write(buf.array(), 0, buf.position());
    }
  }

  private static void drain(ByteBuffer buf, OutputStream out, CRC32 crc) throws IOException {
    crc.update(buf.array(), 0, buf.position());
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  /**
   * Reads and verifies a file written by {@link #write}.
   *
   * @throws ModelFormatException for a wrong magic or version, a truncated or over-long file, or a checksum mismatch
   */
  static double[] read(FileSystem fs, Path file, int magic) throws IOException {
    long size = fs.getFileStatus(file).getLen();
    if (size < HEADER_BYTES + 4) {
      throw truncated(file, size, "shorter than the 16-byte header and checksum");
    }
    CRC32 crc = new CRC32();
    try (FSDataInputStream in = fs.open(file)) {
      byte[] head = new byte[HEADER_BYTES];
      in.readFully(head);
      crc.update(head);
      ByteBuffer h = ByteBuffer.wrap(head);
      int m = h.getInt();
      if (m != magic) {
        throw new ModelFormatException(file + " is not a Nabla " + kind(magic) + " file: it starts with 0x"
            + Integer.toHexString(m) + ", expected 0x" + Integer.toHexString(magic)
            + "; point to a directory written by Nabla's ModelIO.save");
      }
      int version = h.getInt();
      if (version != VERSION) {
        throw new ModelFormatException(file + " has format version " + version + " but this Nabla reads version "
            + VERSION + "; load it with the Nabla version that wrote it");
      }
      int n = h.getInt();
      long expected = HEADER_BYTES + 8L * n + 4;
      if (n < 0 || size != expected) {
        throw truncated(file, size, "its header announces " + n + " doubles (" + expected + " bytes)");
      }
      double[] out = new double[n];
      readDoubles(in, out, crc);
      int stored = in.readInt();
      int actual = (int) crc.getValue();
      if (stored != actual) {
        throw new ModelFormatException(file + " is corrupt: its CRC32 is 0x" + Integer.toHexString(actual)
            + " but the stored checksum is 0x" + Integer.toHexString(stored)
            + "; the file was damaged after it was written, restore it from a copy or retrain the model");
      }
      return out;
    } catch (ChecksumException e) {
      throw new ModelFormatException(file + " is corrupt: the file system's checksum does not match ("
          + e.getMessage() + "); restore it from a copy or retrain the model", e);
    } catch (EOFException e) {
      throw truncated(file, size, "it ended while being read (was it changed meanwhile?)");
    }
  }

  private static void readDoubles(InputStream in, double[] out, CRC32 crc) throws IOException {
    byte[] chunk = new byte[CHUNK_BYTES];
    int done = 0;
    while (done < out.length) {
      int count = Math.min(out.length - done, CHUNK_BYTES / Double.BYTES);
      int bytes = count * Double.BYTES;
      int read = 0;
      while (read < bytes) {
        int r = in.read(chunk, read, bytes - read);
        if (r < 0) {
          throw new EOFException();
        }
        read += r;
      }
      crc.update(chunk, 0, bytes);
      ByteBuffer.wrap(chunk, 0, bytes).asDoubleBuffer().get(out, done, count);
      done += count;
    }
  }

  private static ModelFormatException truncated(Path file, long size, String detail) {
    return new ModelFormatException(file + " is truncated or corrupt: it has " + size + " bytes but " + detail
        + "; the write did not finish or the file was damaged, restore it from a copy or retrain the model");
  }

  private static String kind(int magic) {
    return magic == PARAMS_MAGIC ? "params" : magic == SCALING_MAGIC ? "scaling" : "binary";
  }
}
