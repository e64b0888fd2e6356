package dev.nabla.cli;

import picocli.CommandLine.Option;

/**
 * The Spark flags of the commands that run Spark: the master, the partitioning of the data, stack traces. Flags only: picocli reflects on every command's options
 * when {@code nabla} starts, also for gradcheck and privacy, which run without Spark on the class path, so
 * no option holder may name a Spark (or Hadoop) type in a field or method signature. {@link SparkSessions}
 * starts the session. The master comes from spark-submit (spark.master), or from {@code --master} when run
 * by the local launcher; Nabla itself never picks one.
 */
final class SparkOptions {
  @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[*] (the "
      + "submit-scripts/nabla launcher passes local[*] by default).")
  String master;

  @Option(names = "--partitions", description = "Partitions of the data (train: of the cached training data); "
      + "0 = Spark's default parallelism (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Print stack traces of errors.")
  boolean verbose;
}
