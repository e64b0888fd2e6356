package dev.nabla.cli;

import picocli.CommandLine.Option;

/** {@code --overwrite}, shared by the commands that write outputs (train, predict, export). */
final class OverwriteOption {
  @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Replace existing outputs (model directory, report, predictions, exported file); without it an "
          + "existing one is refused before any work starts.")
  boolean overwrite;
}
