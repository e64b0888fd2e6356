package dev.nabla.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes a text file atomically through the Hadoop FileSystem API: a hidden temporary file, then a rename. */
public final class ReportFile {
  private ReportFile() {
  }

  /** Whether {@code path} exists. */
  public static boolean exists(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code text} (UTF-8) to {@code path}: first to {@code .NAME.tmp-UUID} in the same directory, then
   * renamed, so a reader never sees half a file.
   *
   * @param overwrite replace an existing file; otherwise an existing file is an error
   */
  public static void write(String path, String text, Configuration conf, boolean overwrite) {
    Path target = new Path(path);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      FileSystem fs = target.getFileSystem(conf);
      if (fs.exists(target) && !overwrite) {
        throw new IllegalStateException(path + " already exists; pass --overwrite to replace it");
      }
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        throw new IOException("rename of " + tmp + " to " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
