package dev.nabla.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** A small text file (a config file) read whole through the Hadoop FileSystem API: file:, hdfs:, s3a: or local. */
final class HadoopText {
  private HadoopText() {
  }

  /** The file's text, decoded as UTF-8. */
  static String read(String path) throws IOException {
    Path file = new Path(path);
    try (InputStream in = file.getFileSystem(new Configuration()).open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
