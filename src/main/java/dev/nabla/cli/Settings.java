package dev.nabla.cli;

import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.privacy.PrivacyConfig;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.Optimization;
import dev.nabla.train.TrainDefaults;
import dev.nabla.train.TargetScalingKind;
import dev.nabla.train.TrainSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The model and optimization flags turned into validated objects, with the defaults that depend on
 * other flags (output activation, loss, init) filled in. Every error names the flag.
 */
record Settings(Task task, Topology topology, Init init, Optimization optimization, ScalingKind scaling,
    TrainSettings trainSettings, EarlyStopping earlyStopping, Lbfgs lbfgs, PrivacyConfig privacy, boolean poisson) {

  /** @param given whether the user gave a flag (command line or config file) rather than leaving its default */
  static Settings of(ModelOptions o, DataOptions d, DpOptions dp, java.util.function.Predicate<String> given) {
    PrivacyConfig privacy = dp.privacy();
    boolean poisson = dp.poisson();
    if (o.optimizer.equalsIgnoreCase("lbfgs") && poisson) {
      throw new UsageException((privacy != null ? "--dp-clip/--dp-noise/--dp-delta" : "--sampling poisson")
          + " does not apply to --optimizer lbfgs (full-batch); use a mini-batch optimizer such as sgd");
    }
    Task task = switch (o.task.toLowerCase(Locale.ROOT)) {
      case "classification" -> Task.CLASSIFICATION;
      case "regression" -> Task.REGRESSION;
      default -> throw new UsageException("--task: unknown task '" + o.task + "': expected classification or regression");
    };
    int[] sizes;
    try {
      sizes = Topology.parseSizes(o.layers);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--layers: " + e.getMessage());
    }
    Activation hidden = activation("--activation", o.activation);
    Activation output = activation("--output", o.output != null ? o.output
        : task == Task.CLASSIFICATION ? "softmax" : "identity");
    Loss loss;
    try {
      loss = o.loss != null ? Loss.parse(o.loss)
          : output instanceof Softmax ? Loss.CROSS_ENTROPY
          : output instanceof Sigmoid && task == Task.CLASSIFICATION ? Loss.BINARY_CROSS_ENTROPY
          : Loss.QUADRATIC;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--loss: " + e.getMessage());
    }
    Topology topology;
    try {
      topology = Topology.of(sizes, hidden, output, loss);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--output/--loss: " + e.getMessage());
    }
    Init init;
    try {
      init = o.init == null || o.init.equals("auto") ? Init.defaultFor(hidden) : Init.parse(o.init);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--init: " + e.getMessage());
    }
    boolean lbfgs = o.optimizer.equalsIgnoreCase("lbfgs");
    if (lbfgs) {
      refuseWithLbfgs(o, given);
    }
    Optimization optimization;
    try {
      OptimizerConfig oc = OptimizerConfig.fromFlags(o.optimizerFlags());
      ScheduleConfig sc = ScheduleConfig.fromFlags(o.scheduleFlags());
      optimization = new Optimization(lbfgs ? "sgd" : o.optimizer.toLowerCase(Locale.ROOT), oc, sc, o.l1, o.l2,
          o.regularizeBiases, Clipping.of(o.clipNorm, o.clipValue));
      Optimizers.create(optimization.optimizer(), oc, topology.numParams(), topology);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flagged(e.getMessage()));
    }
    ScalingKind scaling;
    try {
      scaling = ScalingKind.parse(o.scale);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--scale: " + e.getMessage());
    }
    if (o.numClasses < 0 || o.numClasses == 1) {
      throw new UsageException("--num-classes must be 0 (infer) or at least 2, got " + o.numClasses);
    }
    Dropout dropout = dropout(o.dropout, topology);
    TargetScalingKind targetScaling = targetScaling(o.scaleTarget, task, topology, privacy != null);
    TrainSettings ts;
    try {
      ts = new TrainSettings(topology, init, o.learningRate, o.batchSize, o.epochs, o.seed, dropout, targetScaling);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flagged(e.getMessage()));
    }
    EarlyStopping early = null;
    if (o.earlyStoppingPatience < 0) {
      throw new UsageException("--early-stopping-patience must be 0 (off) or positive, got " + o.earlyStoppingPatience);
    }
    if (o.earlyStoppingPatience > 0) {
      try {
        early = new EarlyStopping(o.earlyStoppingMetric, o.earlyStoppingPatience, o.earlyStoppingMinDelta);
      } catch (IllegalArgumentException e) {
        throw new UsageException(flagged(e.getMessage()));
      }
    }
    if (lbfgs && (o.lbfgsMemory < 1 || !(o.lbfgsTolerance >= 0))) {
      throw new UsageException("--lbfgs-memory must be ≥ 1 and --lbfgs-tolerance ≥ 0, got " + o.lbfgsMemory + " and "
          + o.lbfgsTolerance);
    }
    Lbfgs lb = lbfgs ? new Lbfgs(o.lbfgsMemory, o.lbfgsTolerance, o.l2) : null;
    return new Settings(task, topology, init, optimization, scaling, ts, early, lb, privacy, poisson);
  }

  /**
   * --scale-target as given (an error with classification, or with a network that cannot fold the scaling back),
   * else the default for the task, network and privacy ({@link TargetScalingKind#defaultFor}).
   */
  private static TargetScalingKind targetScaling(String given, Task task, Topology t, boolean dp) {
    if (given == null) {
      return TargetScalingKind.defaultFor(task == Task.REGRESSION, t, dp);
    }
    if (task != Task.REGRESSION) {
      throw new UsageException("--scale-target applies to --task regression only: class labels are not scaled");
    }
    TargetScalingKind k;
    try {
      k = TargetScalingKind.parse(given);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--scale-target: " + e.getMessage());
    }
    String why = TargetScalingKind.whyNot(t);
    if (k == TargetScalingKind.STANDARD && why != null) {
      throw new UsageException("--scale-target standard: " + why + "; use --scale-target none");
    }
    return k;
  }

  /** Full-batch L-BFGS settings; null for the mini-batch optimizers. */
  record Lbfgs(int memory, double tolerance, double l2) {
  }

  /** L-BFGS is full-batch and deterministic: the mini-batch-only settings would be silently ignored. */
  private static void refuseWithLbfgs(ModelOptions o, java.util.function.Predicate<String> given) {
    java.util.Map<String, String> schedule = new java.util.LinkedHashMap<>(o.scheduleFlags());
    if (!given.test("--lr-schedule")) {
      schedule.remove("lr-schedule", TrainDefaults.SHIPPED.lrSchedule());
    }
    schedule.remove("warmup-steps", Long.toString(TrainDefaults.SHIPPED.warmupSteps()));
    String bad = !o.optimizerFlags().isEmpty() ? "--" + o.optimizerFlags().keySet().iterator().next()
        : !schedule.isEmpty() ? "--" + schedule.keySet().iterator().next()
        : o.l1 > 0 ? "--l1" : o.clipNorm != null ? "--clip-norm" : o.clipValue != null ? "--clip-value"
        : o.dropout != null ? "--dropout" : o.regularizeBiases ? "--regularize-biases"
        : o.earlyStoppingPatience > 0 ? "--early-stopping-patience" : null;
    if (bad != null) {
      throw new UsageException(bad + " does not apply to --optimizer lbfgs (full-batch L-BFGS takes --epochs as "
          + "iterations, --l2, --lbfgs-memory and --lbfgs-tolerance)");
    }
  }

  private static Dropout dropout(String text, Topology t) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      String[] parts = text.split(",", -1);
      double[] rates = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        rates[i] = Double.parseDouble(parts[i].trim());
      }
      Dropout d = parts.length == 1 ? Dropout.uniform(t, rates[0]) : new Dropout(rates);
      d.checkFits(t);
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--dropout: bad value '" + text + "': " + (e instanceof NumberFormatException
          ? "expected a rate in [0, 1) or one per hidden layer, e.g. 0.2,0.5" : e.getMessage()));
    }
  }

  /** Puts "--" in front of a message that starts with a bare flag name ("beta1 must be …"). */
  private static String flagged(String message) {
    return message.startsWith("--") ? message : "--" + message;
  }

  private static Activation activation(String flag, String value) {
    try {
      return Activation.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  long seed() {
    return trainSettings.seed();
  }

  /** The layer sizes must fit the data: n_0 = feature dimension, n_L = classes (or targets). */
  void checkAgainstData(int numFeatures, int numTargets) {
    if (topology.inputSize() != numFeatures) {
      throw new UsageException("--layers: the input layer has " + topology.inputSize() + " units but the data has "
          + numFeatures + " features; start --layers with " + numFeatures + " (or set --num-features)");
    }
    if (topology.outputSize() != numTargets) {
      String what = task == Task.CLASSIFICATION ? "classes" : "targets";
      throw new UsageException("--layers: the output layer has " + topology.outputSize() + " units but the data has "
          + numTargets + " " + what + "; end --layers with " + numTargets
          + (task == Task.CLASSIFICATION ? " (or set --num-classes)" : ""));
    }
  }

  /** The hyper-parameters recorded in the manifest. */
  Map<String, String> hyperParameters(int partitions) {
    Map<String, String> m = new LinkedHashMap<>();
    if (lbfgs != null) {
      m.put("optimizer", "lbfgs");
      m.put("lbfgs-memory", Integer.toString(lbfgs.memory()));
      m.put("lbfgs-tolerance", Double.toString(lbfgs.tolerance()));
      m.put("l2", Double.toString(lbfgs.l2()));
      m.put("iterations", Integer.toString(trainSettings.epochs()));
      m.put("init", init.cliName());
      m.put("scale", scaling.cliName());
      putTargetScaling(m);
      m.put("partitions", Integer.toString(partitions));
      return m;
    }
    m.put("optimizer", optimization.optimizer());
    optimization.optimizerConfig().setFlags().forEach((k, v) -> m.put(k, Double.toString(v)));
    optimization.schedule().toFlags().forEach(m::put);
    if (optimization.l1() > 0) {
      m.put("l1", Double.toString(optimization.l1()));
    }
    if (optimization.l2() > 0) {
      m.put("l2", Double.toString(optimization.l2()));
    }
    m.put("clipping", optimization.clipping().toString());
    if (trainSettings.dropout() != null) {
      m.put("dropout", trainSettings.dropout().toString());
    }
    if (earlyStopping != null) {
      m.put("early-stopping", earlyStopping.metric() + ", patience " + earlyStopping.patience() + ", min delta "
          + earlyStopping.minDelta());
    }
    if (poisson) {
      m.put("sampling", "poisson");
    }
    if (privacy != null) {
      m.put("dp-clip", Double.toString(privacy.clip()));
      m.put("dp-noise", Double.toString(privacy.noiseMultiplier()));
      m.put("dp-delta", Double.toString(privacy.delta()));
      if (privacy.hasTarget()) {
        m.put("dp-target-epsilon", Double.toString(privacy.targetEpsilon()));
      }
      m.put("dp-noise-source", privacy.secureNoise() ? "SecureRandom" : "seeded");
    }
    m.put("learning-rate", Double.toString(trainSettings.learningRate()));
    m.put("batch-size", Integer.toString(trainSettings.batchSize()));
    m.put("epochs", Integer.toString(trainSettings.epochs()));
    m.put("init", init.cliName());
    m.put("scale", scaling.cliName());
    putTargetScaling(m);
    m.put("partitions", Integer.toString(partitions));
    return m;
  }

  /** scale-target, for regression (classification has no such setting). */
  private void putTargetScaling(Map<String, String> m) {
    if (task == Task.REGRESSION) {
      m.put("scale-target", trainSettings.targetScaling().cliName());
    }
  }
}
