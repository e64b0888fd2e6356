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
 * The metrics file ({@code --metrics-out}): JSON lines, one {@code "type": "epoch"} object per epoch
 * ({@link EpochMetrics#toJson()}), one {@code "type": "step"} object every K steps when K &gt; 0
 * ({@link StepMetrics#toJson()}, at global steps K, 2K, …), and a last object with {@code "event": "end"};
 * written through the Hadoop FileSystem API and flushed after every line, so a user can follow it while
 * the run goes on.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out;
  private final int everySteps;

  /** Creates (or replaces) the file; epoch lines only. */
  public MetricsLog(String path, Configuration conf) {
    this(path, conf, 0);
  }

  /**
   * Creates (or replaces) the file.
   *
   * @param everySteps K ≥ 0: a step line every K global steps; 0 for none
   */
  public MetricsLog(String path, Configuration conf, int everySteps) {
    if (everySteps < 0) {
      throw new IllegalArgumentException("--metrics-every-steps must be 0 (off) or a positive number of steps, got "
          + everySteps);
    }
    this.everySteps = everySteps;
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      this.out = fs.create(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create metrics file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override public void onStep(StepMetrics metrics) {
    if (everySteps > 0 && metrics.globalStep() % everySteps == 0) {
      write(metrics.toJson());
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
