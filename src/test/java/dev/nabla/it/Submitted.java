package dev.nabla.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@code submit-standalone.sh} run (the SparkSubmit driver JVM, as the script execs it), output in files. */
final class Submitted {
  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;
  private final long startNanos = System.nanoTime();
  private long endNanos;

  Submitted(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Waits for the driver to exit and returns its status; kills it and fails after {@code limit}. */
  int await(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError(name + ": still running after " + limit + "; killed. Log: " + err);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    endNanos = System.nanoTime();
    return process.exitValue();
  }

  /** kill -9 of the driver JVM; returns once it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    endNanos = System.nanoTime();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Seconds from submission to exit (or to now while running). */
  double seconds() {
    return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  String name() {
    return name;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
