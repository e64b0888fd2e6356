package dev.nabla.cli;

import dev.nabla.nn.Precision;
import dev.nabla.train.ByteSize;
import picocli.CommandLine.Option;

/**
 * How {@code nabla train} stores its data, computes and moves the step's numbers: the products' precision, the
 * stored values' precision, sparse rows, the shuffle window, the tree the sums are added up and the wire's precision.
 * Defaults from {@link dev.nabla.train.TrainDefaults#SHIPPED}. Every one can change the bits (float32 on the wire
 * rounds θ and the sums between JVMs), so a resume must repeat them (the run's settings).
 */
final class ComputeOptions {
  @Option(names = "--precision", paramLabel = "float64|float32",
      description = "Precision of the executors' matrix products (sgemm on float32 copies of θ, the layers' outputs "
          + "and errors); the driver keeps θ, the optimizer and the sum of the sums in float64, and θ and the sums "
          + "travel as float32 (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--storage-precision", paramLabel = "float64|float32",
      description = "Stored feature values: float64 keeps them exact (values that fit a byte or float32 exactly are "
          + "stored so anyway), float32 rounds the others, halving the memory (default: ${DEFAULT-VALUE}).")
  String storagePrecision;

  @Option(names = "--sparse", paramLabel = "auto|true|false",
      description = "Store and multiply rows as sparse (only their non-zeros): auto = when fewer than 5% of the "
          + "values are non-zero, measured at load (default: ${DEFAULT-VALUE}).")
  String sparse;

  @Option(names = "--shuffle-window", paramLabel = "BYTES",
      description = "Bytes of stored rows shuffled together in an epoch, e.g. 64m or 1g: data that fits is shuffled "
          + "as a whole, larger data window by window (default: ${DEFAULT-VALUE}).")
  String shuffleWindow;

  @Option(names = "--tree-fanout", paramLabel = "k",
      description = "Each step's sums are added up a fixed tree of the tasks with k children per task (the driver "
          + "talks to its root only); 0 = the star, the driver talks to every task (default: ${DEFAULT-VALUE}).")
  int treeFanout;

  @Option(names = "--float32-wire", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "θ and the sums cross between JVMs as float32 (half the bytes; rounded in every engine, so the "
          + "result differs slightly from float64's) (default: ${DEFAULT-VALUE}).")
  boolean float32Wire;

  /** Validates every option (exit 2 naming the first bad one) before Spark starts. */
  void check() {
    precision();
    storeFloat32();
    sparse();
    shuffleWindowBytes();
    treeFanout();
  }

  /** --precision, validated. */
  Precision precision() {
    return parsePrecision("--precision", precision);
  }

  /** Whether --storage-precision is float32. */
  boolean storeFloat32() {
    return parsePrecision("--storage-precision", storagePrecision) == Precision.FLOAT32;
  }

  /** --sparse: null for auto. */
  Boolean sparse() {
    return switch (sparse) {
      case "auto" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new UsageException("--sparse " + sparse + ": expected auto, true or false");
    };
  }

  /** --shuffle-window in bytes. */
  long shuffleWindowBytes() {
    try {
      return ByteSize.parse(shuffleWindow);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shuffle-window: " + e.getMessage());
    }
  }

  /** --tree-fanout, checked. */
  int treeFanout() {
    if (treeFanout < 0) {
      throw new UsageException("--tree-fanout " + treeFanout + ": must be 0 (the star) or a positive k");
    }
    return treeFanout;
  }

  private static Precision parsePrecision(String flag, String value) {
    try {
      return Precision.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + " " + value + ": expected float64 or float32");
    }
  }
}
