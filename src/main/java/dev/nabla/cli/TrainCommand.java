package dev.nabla.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla train}: read data, train data-parallel on Spark, save the model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = Defaults.class,
    description = {"Trains a multilayer perceptron, data-parallel on Spark, and saves the model.",
        "Options may come from --config FILE (keys = option names without dashes); flags override it.",
        "Exit status: 0 done, 2 bad option or config, 3 bad data, 4 training diverged, 5 out of memory or disk, "
            + "1 internal error."})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--train", required = true, description = "Training data path (file:, hdfs:, s3a:, or local).")
  String train;

  @Option(names = "--validation", description = "Validation data path (same format). Given on the command line, it "
      + "replaces a validation-fraction of the config file.")
  String validation;

  @Option(names = "--validation-fraction",
      description = "Hold out this fraction of the training data for validation, seeded (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--test", description = "Test data path, evaluated once after training.")
  String test;

  @Option(names = "--model-out", description = "Where to save the model directory (any Hadoop path).")
  String modelOut;

  @Mixin OverwriteOption output;

  @Option(names = "--checkpoint-dir", description = "Write checkpoints here (any Hadoop path).")
  String checkpointDir;

  @Option(names = "--checkpoint-every",
      description = "Checkpoint after every N units (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--checkpoint-unit", description = "epochs or steps (default: ${DEFAULT-VALUE}).")
  String checkpointUnit;

  @Option(names = "--checkpoint-keep", description = "Keep the newest K checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointKeep;

  @Option(names = "--resume", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Continue from the newest complete checkpoint in --checkpoint-dir. Every setting that changes "
      + "the bits must be the interrupted run's, else exit 2 naming the first difference (--step-engine may differ).")
  boolean resume;

  @Option(names = "--metrics-out", description = "Write per-epoch metrics as JSON lines to this file.")
  String metricsOut;

  @Option(names = "--metrics-every-steps",
      description = "Also write a step line (loss, learning rate, per-layer gradient norms) to --metrics-out every K "
          + "steps; 0 = epoch lines only (default: ${DEFAULT-VALUE}).")
  int metricsEverySteps;

  @Option(names = "--step-engine", paramLabel = "stream|jobs",
      description = "How steps reach the executors: stream (one Spark job per epoch, parameters and gradient sums over "
          + "a connection per task; falls back to jobs when it cannot run) or jobs (one Spark job per step, parameters "
          + "by broadcast). Same result either way (default: spark.nabla.stepEngine, else stream).")
  String stepEngine;

  @Option(names = "--log-every",
      description = "When stdout is not a terminal: a progress line every this many seconds (default: ${DEFAULT-VALUE}).")
  double logEvery;

  @Option(names = "--report", description = "Write a self-contained HTML training report to this file (any Hadoop path).")
  String report;

  @Mixin DataOptions data;
  @Mixin ModelOptions model;
  @Mixin DpOptions dp;
  @Mixin ComputeOptions compute;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    ClassPath.requireSpark();
    try {
      return new TrainJob(this).run();
    } catch (OutOfMemoryError e) {
      // the run's arrays are unreachable once the job has unwound, so there is memory left to report it
      throw dev.nabla.train.ResourceException.explain(e, null);
    }
  }
}
