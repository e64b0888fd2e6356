package dev.nabla.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

/**
 * {@code predict --out-format csv}: ONE CSV file with one header line, through the Hadoop FileSystem API. The
 * executors write their partitions' lines in parallel into a hidden temporary directory next to the target; the
 * driver then streams those part files, in partition order, after the header into a hidden temporary file (no row is
 * held on the driver) and renames it into place, so a reader never sees half a file and a failed run leaves none.
 */
final class PredictionsCsv {
  private PredictionsCsv() {
  }

  /**
   * Writes {@code header} and then {@code lines} (in partition order) to the file {@code path}.
   *
   * @param overwrite replace an existing file or directory at {@code path} (the caller has refused one otherwise)
   */
  static void write(JavaRDD<String> lines, String header, String path, boolean overwrite, Configuration conf) {
    String stamp = UUID.randomUUID().toString();
    try {
      FileSystem fs = new Path(path).getFileSystem(conf);
      Path target = fs.makeQualified(new Path(path));
      Path parts = new Path(target.getParent(), "._tmp-" + target.getName() + "-parts-" + stamp);
      Path file = new Path(target.getParent(), "._tmp-" + target.getName() + "-" + stamp);
      try {
        lines.saveAsTextFile(parts.toString());
        try (OutputStream out = fs.create(file, false)) {
          out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
          for (Path part : partFiles(fs, parts)) {
            try (InputStream in = fs.open(part)) {
              in.transferTo(out);
            }
          }
        }
        if (fs.exists(target)) {
          if (!overwrite) {
            throw new UsageException("--out: " + path + " already exists; pass --overwrite to replace it");
          }
          fs.delete(target, true);
        }
        if (!fs.rename(file, target)) {
          throw new IOException("could not rename " + file + " to " + target);
        }
      } finally {
        fs.delete(parts, true);
        fs.delete(file, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** The part files Hadoop's text output wrote, in partition order (their names sort so). */
  private static List<Path> partFiles(FileSystem fs, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isFile() && s.getPath().getName().startsWith("part-")) {
        files.add(s.getPath());
      }
    }
    files.sort((a, b) -> a.getName().compareTo(b.getName()));
    return files;
  }
}
