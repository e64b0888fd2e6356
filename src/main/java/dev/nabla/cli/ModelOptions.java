package dev.nabla.cli;

import picocli.CommandLine.Option;

/** The network and the optimization, as flags. */
final class ModelOptions {
  @Option(names = "--task", defaultValue = "classification", description = "classification or regression (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--num-classes", defaultValue = "0", description = "Classes k; 0 infers max label + 1 (default: ${DEFAULT-VALUE}).")
  int numClasses;

  @Option(names = "--layers", required = true, description = "Layer sizes n_0,...,n_L, e.g. 784,128,10; n_0 must equal the "
      + "feature dimension and n_L the number of classes (or targets).")
  String layers;

  @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--output", description = "Output activation (default: softmax for classification, identity for regression).")
  String output;

  @Option(names = "--loss", description = "Loss (default: cross-entropy after softmax, binary-cross-entropy after sigmoid"
      + " for classification, quadratic otherwise).")
  String loss;

  @Option(names = "--init", description = "glorot-uniform, glorot-normal, he-normal, nielsen, mllib-uniform (default: "
      + "he-normal for relu/leaky-relu, glorot-uniform otherwise).")
  String init;

  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--learning-rate", defaultValue = "0.1", description = "η (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--batch-size", defaultValue = "64", description = "Global mini-batch size m (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "The run's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale", defaultValue = "none", description = "Feature scaling fitted on training data: none, standard, "
      + "minmax (default: ${DEFAULT-VALUE}).")
  String scale;
}
