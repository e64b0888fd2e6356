package dev.nabla.cli;

import picocli.CommandLine.Option;

/** What evaluate and predict share: a config file, the saved model, the data and its partitioning. */
final class SavedModelOptions {
  @Option(names = "--config", description = "A properties file of options (keys = option names without dashes).")
  String config;

  @Option(names = "--model", required = true, description = "The model directory (any Hadoop path).")
  String model;

  @Option(names = "--data", required = true, description = "The data (same formats and options as train).")
  String data;

  @Option(names = "--partitions", defaultValue = "0", description = "Partitions (0 = Spark's default parallelism).")
  int partitions;
}
