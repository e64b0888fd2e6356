package dev.nabla.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Input paths through the Hadoop FileSystem API ({@code file:}, {@code hdfs:}, {@code s3a:}, ...):
 * listing in file-name order, display names for messages, and opening with decompression.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * The files {@code path} names: the file itself, the files directly inside a directory, or the matches
   * of a glob; sorted by full path. Names starting with {@code _} or {@code .} (such as {@code _SUCCESS})
   * are hidden from Hadoop's input formats and so are left out.
   *
   * @throws DataException "no such file: PATH" when nothing matches; when a directory holds a
   *     sub-directory; when the path names only a hidden file
   */
  static List<FileStatus> list(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new DataException("no such file: " + path);
      }
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus m : matches) {
        if (m.isDirectory()) {
          for (FileStatus c : fs.listStatus(m.getPath())) {
            if (isHidden(c.getPath())) {
              continue;
            }
            if (c.isDirectory()) {
              throw new DataException(path + ": directory " + display(m.getPath()) + " holds the sub-directory "
                  + c.getPath().getName() + "; pass the data files themselves or a glob such as dir/part-*");
            }
            files.add(c);
          }
        } else if (isHidden(m.getPath())) {
          throw new DataException(path + ": file names starting with '_' or '.' are ignored by Hadoop input; rename "
              + m.getPath().getName());
        } else {
          files.add(m);
        }
      }
      files.sort(Comparator.comparing(f -> f.getPath().toString()));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  /** @throws DataException "no such file: PATH" when {@code path} matches nothing */
  static void requireExists(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileStatus[] matches = p.getFileSystem(conf).globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new DataException("no such file: " + path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  /** The path as shown in messages: a local path without its {@code file:} scheme, else the full URI. */
  static String display(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  /** Opens {@code p}, decompressing it when its name has a Hadoop codec's suffix (.gz, .bz2, ...). */
  static InputStream open(Configuration conf, Path p) throws IOException {
    InputStream in = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? in : codec.createInputStream(in);
  }

  private static boolean isHidden(Path p) {
    return p.getName().startsWith("_") || p.getName().startsWith(".");
  }
}
