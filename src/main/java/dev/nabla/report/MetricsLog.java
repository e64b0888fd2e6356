package dev.nabla.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The metrics file ({@code --metrics-out}): JSON lines, one object per epoch and a last object with
 * {@code "event": "end"}; written through the Hadoop FileSystem API and flushed after every line, so a
 * user can follow it while the run goes on.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out;

  /** Creates (or replaces) the file. */
  public MetricsLog(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      this.out = fs.create(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create metrics file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override public void onEpoch(EpochMetrics metrics) {
    write(metrics.toJson());
  }

  /** Appends one JSON object as a line. */
  public void write(Map<String, Object> object) {
    try {
      out.write(JSON.writeValueAsBytes(object));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
    }
  }

  @Override public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
