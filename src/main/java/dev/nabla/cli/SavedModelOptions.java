package dev.nabla.cli;

import picocli.CommandLine.Option;

/** What evaluate and predict share: the saved model and the data to run it on. */
final class SavedModelOptions {
  @Option(names = "--model", required = true, description = "The model directory (any Hadoop path).")
  String model;

  @Option(names = "--data", required = true, description = "The data (same formats and options as train).")
  String data;
}
