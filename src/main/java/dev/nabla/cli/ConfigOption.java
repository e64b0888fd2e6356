package dev.nabla.cli;

import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, shared by train, evaluate and predict. {@link Main} reads the file before parsing
 * (through {@link ConfigFile}); the field only documents the option and accepts it.
 */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of options: keys are the option "
      + "names without dashes (see conf/nabla.properties.template); flags on the command line override it.")
  String config;
}
