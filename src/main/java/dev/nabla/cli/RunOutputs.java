package dev.nabla.cli;

import dev.nabla.report.ConsoleLog;
import dev.nabla.report.MetricsLog;
import dev.nabla.report.Progress;
import dev.nabla.report.RunSummary;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.TrainResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code nabla train} shows while it runs and when it ends: progress, epoch lines, metrics file, summary. */
final class RunOutputs {
  private RunOutputs() {
  }

  /** Checks --log-every and --metrics-every-steps before anything starts. */
  static void check(TrainCommand cmd) {
    if (!(cmd.logEvery > 0) || Double.isInfinite(cmd.logEvery)) {
      throw new UsageException("--log-every must be a positive number of seconds, got " + cmd.logEvery);
    }
    if (cmd.metricsEverySteps < 0) {
      throw new UsageException("--metrics-every-steps must be 0 (epoch lines only) or a positive number of steps, got "
          + cmd.metricsEverySteps);
    }
    if (cmd.metricsEverySteps > 0 && cmd.metricsOut == null) {
      throw new UsageException("--metrics-every-steps needs --metrics-out, the file the step lines go to");
    }
  }

  /**
   * The progress bar (stdout is a terminal) or progress lines every --log-every seconds, then the epoch log,
   * then the metrics file when there is one.
   */
  static TrainingListener listener(TrainCommand cmd, MetricsLog metrics) {
    Progress progress = new Progress(System.out, System.console() != null, cmd.logEvery, System::nanoTime);
    ConsoleLog log = new ConsoleLog(System.out);
    return metrics == null ? TrainingListener.all(progress, log) : TrainingListener.all(progress, log, metrics);
  }

  /** Prints the run summary: epochs, best validation metric and its epoch, time, where the outputs went. */
  static void printSummary(TrainCommand cmd, TrainResult result) {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("model", cmd.modelOut == null ? "not saved (no --model-out)" : cmd.modelOut);
    if (cmd.report != null) {
      outputs.put("report", cmd.report);
    }
    if (cmd.metricsOut != null) {
      outputs.put("metrics", cmd.metricsOut);
    }
    RunSummary.lines(result.history(), result.keptEpoch(), result.trainingSeconds(), outputs)
        .forEach(System.out::println);
  }
}
