package dev.nabla.cli;

import dev.nabla.optim.AdaGrad;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.optim.ExponentialDecay;
import dev.nabla.optim.InverseTimeDecay;
import dev.nabla.optim.Momentum;
import dev.nabla.optim.ReduceOnPlateau;
import dev.nabla.optim.RmsProp;
import dev.nabla.optim.StepDecay;
import dev.nabla.train.TargetScalingKind;
import picocli.CommandLine.Option;

/**
 * The network and the optimization, as flags. Defaults come from {@link dev.nabla.train.TrainDefaults} (through
 * {@link Defaults}); an optimizer's or schedule's own settings default to its constants in {@code dev.nabla.optim}.
 */
final class ModelOptions {
  @Option(names = "--task", description = "classification or regression (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--num-classes", description = "Classes k; 0 infers max label + 1 (default: ${DEFAULT-VALUE}).")
  int numClasses;

  @Option(names = "--layers", required = true, description = "Layer sizes n_0,...,n_L, e.g. 784,128,10; n_0 must equal the "
      + "feature dimension and n_L the number of classes (or targets).")
  String layers;

  @Option(names = "--activation", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--output", description = "Output activation (default: softmax for classification, identity for regression).")
  String output;

  @Option(names = "--loss", description = "Loss (default: cross-entropy after softmax, binary-cross-entropy after sigmoid"
      + " for classification, quadratic otherwise).")
  String loss;

  @Option(names = "--init", description = "auto (he-normal for relu/leaky-relu, glorot-uniform otherwise), "
      + "glorot-uniform, glorot-normal, he-normal, nielsen, mllib-uniform (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(names = "--optimizer",
      description = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, or lbfgs (full-batch L-BFGS; "
          + "--epochs = iterations) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lbfgs-memory", description = "L-BFGS history size m (default: ${DEFAULT-VALUE}).")
  int lbfgsMemory;

  @Option(names = "--lbfgs-tolerance",
      description = "L-BFGS convergence tolerance, as MLlib's (default: ${DEFAULT-VALUE}).")
  double lbfgsTolerance;

  @Option(names = "--learning-rate", description = "Base learning rate η0 (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--momentum", description = "μ of momentum and nesterov (default " + Momentum.DEFAULT_MOMENTUM + ").")
  String momentum;

  @Option(names = "--beta1", description = "Adam/AdamW β1 (default " + Adam.DEFAULT_BETA1 + ").")
  String beta1;

  @Option(names = "--beta2", description = "Adam/AdamW β2 (default " + Adam.DEFAULT_BETA2 + ").")
  String beta2;

  @Option(names = "--epsilon", description = "ε of adagrad (" + AdaGrad.DEFAULT_EPSILON + "), rmsprop, adam, adamw ("
      + Adam.DEFAULT_EPSILON + ").")
  String epsilon;

  @Option(names = "--weight-decay", description = "AdamW decoupled weight decay λ on weights (default "
      + AdamW.DEFAULT_WEIGHT_DECAY + ").")
  String weightDecay;

  @Option(names = "--rho", description = "RMSProp decay ρ (default " + RmsProp.DEFAULT_RHO + ").")
  String rho;

  @Option(names = "--lr-schedule",
      description = "constant, step, exponential, inverse-time, cosine, plateau (default: ${DEFAULT-VALUE}).")
  String lrSchedule;

  @Option(names = "--lr-decay", description = "γ of step (" + StepDecay.DEFAULT_GAMMA + "), exponential ("
      + ExponentialDecay.DEFAULT_GAMMA + "), inverse-time (" + InverseTimeDecay.DEFAULT_GAMMA + "); plateau factor ("
      + ReduceOnPlateau.DEFAULT_FACTOR + ").")
  String lrDecay;

  @Option(names = "--lr-step", description = "Decay period k in steps (default: one epoch).")
  String lrStep;

  @Option(names = "--lr-min", description = "Floor of cosine and plateau (default " + CosineAnnealing.DEFAULT_MIN_RATE
      + ").")
  String lrMin;

  @Option(names = "--warmup-steps", description = "Linear warmup steps in front of the schedule (default: ${DEFAULT-VALUE}).")
  String warmupSteps;

  @Option(names = "--warmup-from-zero", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Warm up from 0 instead of η0/W.")
  String warmupFromZero;

  @Option(names = "--cosine-period", description = "Cosine restart period in steps (default: one cycle over the run).")
  String cosinePeriod;

  @Option(names = "--cosine-mult", description = "Cosine restart period multiplier (default "
      + CosineAnnealing.DEFAULT_PERIOD_MULTIPLIER + ").")
  String cosineMult;

  @Option(names = "--plateau-patience", description = "Epochs without validation-loss improvement before reducing "
      + "(default " + ReduceOnPlateau.DEFAULT_PATIENCE + ").")
  String plateauPatience;

  @Option(names = "--plateau-min-delta", description = "Smallest improvement that counts (default "
      + ReduceOnPlateau.DEFAULT_MIN_DELTA + ").")
  String plateauMinDelta;

  @Option(names = "--l2", description = "L2 penalty λ2 on weights (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--l1", description = "L1 penalty λ1 on weights (default: ${DEFAULT-VALUE}).")
  double l1;

  @Option(names = "--regularize-biases", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Apply --l1/--l2 to biases too.")
  boolean regularizeBiases;

  @Option(names = "--dropout", description = "Dropout rate p of hidden layers during training: one rate for all, or one "
      + "per hidden layer (e.g. 0.2,0.5) (default: none).")
  String dropout;

  @Option(names = "--early-stopping-patience",
      description = "Stop after this many epochs without validation improvement and keep the best epoch; 0 = off "
          + "(default: ${DEFAULT-VALUE}).")
  int earlyStoppingPatience;

  @Option(names = "--early-stopping-metric",
      description = "Validation metric watched: loss, accuracy, mse, rmse, mae, r2 (default: ${DEFAULT-VALUE}).")
  String earlyStoppingMetric;

  @Option(names = "--early-stopping-min-delta",
      description = "Smallest improvement that counts (default: ${DEFAULT-VALUE}).")
  double earlyStoppingMinDelta;

  @Option(names = "--clip-norm", description = "Clip the mean gradient to this global L2 norm.")
  Double clipNorm;

  @Option(names = "--clip-value", description = "Clip each gradient entry to [-c, c].")
  Double clipValue;

  /** The optimizer flags that were given, by name without dashes. */
  java.util.Map<String, String> optimizerFlags() {
    return given(new String[] {"momentum", "beta1", "beta2", "epsilon", "weight-decay", "rho"},
        momentum, beta1, beta2, epsilon, weightDecay, rho);
  }

  /** The schedule flags that were given, by name without dashes. */
  java.util.Map<String, String> scheduleFlags() {
    return given(new String[] {"lr-schedule", "lr-decay", "lr-step", "lr-min", "warmup-steps", "warmup-from-zero",
        "cosine-period", "cosine-mult", "plateau-patience", "plateau-min-delta"},
        lrSchedule, lrDecay, lrStep, lrMin, warmupSteps, warmupFromZero, cosinePeriod, cosineMult, plateauPatience,
        plateauMinDelta);
  }

  private static java.util.Map<String, String> given(String[] names, String... values) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        m.put(names[i], values[i]);
      }
    }
    return m;
  }

  @Option(names = "--batch-size", description = "Global mini-batch size m (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--epochs", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", description = "The run's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale", description = "Feature scaling fitted on training data: none, standard, "
      + "minmax (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--scale-target", paramLabel = "standard|none",
      description = "Regression: train on targets standardized with their mean and standard deviation on the training "
          + "data; the saved model has them folded back and predicts in data units (default: "
          + TargetScalingKind.REGRESSION_DEFAULT + " for regression with an identity output and quadratic loss, none "
          + "under DP-SGD; not for classification).")
  String scaleTarget;
}
