package dev.nabla.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads one IDX file (the MNIST format) on the driver, plain or gzip (recognised by its first two bytes,
 * whatever the name): a big-endian header (magic number, then one count per dimension) and unsigned
 * bytes. Images: magic 0x00000803, count × rows × cols. Labels: magic 0x00000801, count.
 */
final class IdxFile {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxFile() {}

  /** The contents of an images file: {@code pixels[i * rows * cols + r * cols + c]}, unsigned. */
  record Images(int count, int rows, int cols, byte[] pixels) {}

  static Images readImages(Configuration conf, Path path) {
    return read(conf, path, IMAGES_MAGIC, (in, file) -> {
      int count = dimension(in, file, "image count");
      int rows = dimension(in, file, "rows");
      int cols = dimension(in, file, "columns");
      return new Images(count, rows, cols, data(in, file, (long) count * rows * cols, count + " images of " + rows + "x" + cols));
    });
  }

  /** The labels, unsigned. */
  static byte[] readLabels(Configuration conf, Path path) {
    return read(conf, path, LABELS_MAGIC, (in, file) -> {
      int count = dimension(in, file, "label count");
      return data(in, file, count, count + " labels");
    });
  }

  private interface Body<T> {
    T read(InputStream in, String file) throws IOException;
  }

  private static <T> T read(Configuration conf, Path path, int magic, Body<T> body) {
    String file = InputFiles.display(path);
    boolean gzip = false;
    try (InputStream raw = new BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 < 0) {
        throw new DataException(file + ": no examples (empty file?)");
      }
      gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      int got = readInt(in, file, "the magic number");
      if (got != magic) {
        String kind = magic == IMAGES_MAGIC ? "images (idx3-ubyte)" : "labels (idx1-ubyte)";
        String other = got == IMAGES_MAGIC ? "; this is an images file" : got == LABELS_MAGIC ? "; this is a labels file" : "";
        throw new DataException(String.format("%s: bad magic number 0x%08x, expected 0x%08x for an IDX %s file%s",
            file, got, magic, kind, other));
      }
      T result = body.read(in, file);
      if (in.read() >= 0) {
        throw new DataException(file + ": extra bytes after the data the header announces; check that the file is"
            + " complete IDX (or that its header counts are right)");
      }
      return result;
    } catch (IOException e) {
      if (gzip) {
        throw new DataException(file + ": truncated or corrupt gzip (" + e.getMessage() + "); re-download the file", e);
      }
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static int dimension(InputStream in, String file, String what) throws IOException {
    int v = readInt(in, file, "the " + what);
    if (v < 0) {
      throw new DataException(file + ": negative " + what + " " + v + " in the header; the file is not valid IDX");
    }
    return v;
  }

  private static int readInt(InputStream in, String file, String what) throws IOException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b < 0) {
        throw new DataException(file + ": truncated: the file ends inside the header, in " + what);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  private static byte[] data(InputStream in, String file, long size, String what) throws IOException {
    if (size > MAX_BYTES) {
      throw new DataException(file + ": " + what + " is " + size + " bytes, more than one array holds; split the file");
    }
    byte[] out = new byte[(int) size];
    int n = 0;
    while (n < out.length) {
      int r = in.read(out, n, out.length - n);
      if (r < 0) {
        throw new DataException(file + ": truncated: the header announces " + what + " (" + size + " bytes) but the"
            + " file ends after " + n + "; re-download the file");
      }
      n += r;
    }
    return out;
  }
}
