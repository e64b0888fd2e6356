/**
 * The command line: {@code nabla train | evaluate | predict | export | gradcheck | privacy}, their options,
 * configuration files, defaults ({@link dev.nabla.cli.Defaults}, from {@code train.TrainDefaults}), usage errors and
 * the mapping of failures to exit statuses ({@link dev.nabla.cli.ExitStatus}). The only package with a {@code main};
 * it never sets a Spark master (spark-submit or {@code --master} does). Option holders ({@code *Command},
 * {@code *Options}, {@code *Option}) name no Spark or Hadoop type, so gradcheck and privacy run from the jar alone;
 * the Spark work is in {@code TrainJob}, {@code EvaluateJob}, {@code PredictJob} and the classes they use.
 */
package dev.nabla.cli;
