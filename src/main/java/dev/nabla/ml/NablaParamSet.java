package dev.nabla.ml;

import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.train.TrainDefaults;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Param objects of one Nabla estimator (owned by its uid) and where their defaults are set: the ones
 * {@code nabla train} shares come from {@link TrainDefaults#SHIPPED}, the ML-only ones (hiddenLayers, dropout,
 * verbose) are written here. Users reach them through the {@link NablaParams} methods ({@code layers()},
 * {@code setEpochs(…)}, …).
 * A param without a default here is unset until a user sets it and then means "the optimizer's or
 * schedule's own default".
 */
public final class NablaParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default of hiddenLayers: one hidden layer of 10 units. */
  static final int[] DEFAULT_HIDDEN = {10};
  /** The schedules fit can run: all but plateau, which needs a validation loss fit does not compute. */
  static final List<String> SCHEDULES = ScheduleConfig.SCHEDULES.stream().filter(s -> !s.equals("plateau")).toList();

  final IntArrayParam layers;
  final IntArrayParam hiddenLayers;
  final Param<String> activation;
  final Param<String> init;
  final Param<String> optimizer;
  final DoubleParam learningRate;
  final IntParam batchSize;
  final IntParam epochs;
  final LongParam seed;
  final DoubleParam l1;
  final DoubleParam l2;
  final DoubleArrayParam dropout;
  final Param<String> lrSchedule;
  final DoubleParam lrDecay;
  final LongParam lrStep;
  final DoubleParam lrMin;
  final LongParam warmupSteps;
  final DoubleParam momentum;
  final DoubleParam beta1;
  final DoubleParam beta2;
  final DoubleParam epsilon;
  final DoubleParam weightDecay;
  final DoubleParam rho;
  final DoubleParam clipNorm;
  final DoubleParam clipValue;
  final BooleanParam verbose;
  final Param<String> precision;
  final IntParam treeFanout;
  final BooleanParam float32Wire;

  /** Creates the params for {@code owner} and registers their defaults on it. */
  NablaParamSet(Params owner) {
    layers = new IntArrayParam(owner, "layers", "all layer sizes n_0..n_L (n_0 = feature count, n_L = classes, or 1 "
        + "for regression); when set, hiddenLayers is ignored", Valid.positiveSizes("layers", 2));
    hiddenLayers = new IntArrayParam(owner, "hiddenLayers", "hidden layer sizes; n_0 and n_L come from the data "
        + "(used unless layers is set)", Valid.positiveSizes("hiddenLayers", 0));
    activation = new Param<>(owner, "activation", "hidden activation: sigmoid, tanh, relu, leaky-relu[:SLOPE], "
        + "softplus, identity", Valid.parses("activation", Valid::hiddenActivation));
    init = new Param<>(owner, "init", "auto (he-normal for relu/leaky-relu, glorot-uniform otherwise), "
        + "glorot-uniform, glorot-normal, he-normal, nielsen, mllib-uniform", Valid.parses("init", Valid::init));
    optimizer = new Param<>(owner, "optimizer", "one of " + String.join(", ", Optimizers.NAMES),
        Valid.oneOf("optimizer", Optimizers.NAMES));
    learningRate = new DoubleParam(owner, "learningRate", "base learning rate η0 > 0",
        Valid.positiveNumber("learningRate"));
    batchSize = new IntParam(owner, "batchSize", "global mini-batch size m ≥ 1", Valid.intAtLeast("batchSize", 1));
    epochs = new IntParam(owner, "epochs", "passes over the training data, ≥ 1", Valid.intAtLeast("epochs", 1));
    seed = new LongParam(owner, "seed", "the run's one seed (initialisation, batch order, dropout)");
    l1 = new DoubleParam(owner, "l1", "L1 penalty λ1 ≥ 0 on weights", Valid.nonNegativeNumber("l1"));
    l2 = new DoubleParam(owner, "l2", "L2 penalty λ2 ≥ 0 on weights", Valid.nonNegativeNumber("l2"));
    dropout = new DoubleArrayParam(owner, "dropout", "dropout rates of hidden layers in [0, 1): none (empty), one "
        + "for all, or one per hidden layer", Valid.rates("dropout"));
    lrSchedule = new Param<>(owner, "lrSchedule", "learning-rate schedule: " + String.join(", ", SCHEDULES)
        + " (not plateau: fit computes no validation loss)", Valid.oneOf("lrSchedule", SCHEDULES));
    lrDecay = new DoubleParam(owner, "lrDecay", "decay γ of step, exponential, inverse-time",
        Valid.positiveNumber("lrDecay"));
    lrStep = new LongParam(owner, "lrStep", "decay period in steps (default one epoch)", Valid.positiveLong("lrStep"));
    lrMin = new DoubleParam(owner, "lrMin", "floor of the cosine schedule", Valid.nonNegativeNumber("lrMin"));
    warmupSteps = new LongParam(owner, "warmupSteps", "linear warmup steps in front of the schedule",
        Valid.nonNegativeLong("warmupSteps"));
    momentum = new DoubleParam(owner, "momentum", "μ of momentum and nesterov (their default 0.9)",
        Valid.unitInterval("momentum"));
    beta1 = new DoubleParam(owner, "beta1", "Adam/AdamW β1 (default 0.9)", Valid.unitInterval("beta1"));
    beta2 = new DoubleParam(owner, "beta2", "Adam/AdamW β2 (default 0.999)", Valid.unitInterval("beta2"));
    epsilon = new DoubleParam(owner, "epsilon", "ε of adagrad, rmsprop, adam, adamw", Valid.positiveNumber("epsilon"));
    weightDecay = new DoubleParam(owner, "weightDecay", "AdamW decoupled weight decay (default 0.01)",
        Valid.nonNegativeNumber("weightDecay"));
    rho = new DoubleParam(owner, "rho", "RMSProp decay ρ (default 0.9)", Valid.unitInterval("rho"));
    clipNorm = new DoubleParam(owner, "clipNorm", "clip the mean gradient to this global L2 norm",
        Valid.positiveNumber("clipNorm"));
    clipValue = new DoubleParam(owner, "clipValue", "clip each gradient entry to [-c, c]",
        Valid.positiveNumber("clipValue"));
    verbose = new BooleanParam(owner, "verbose", "print Nabla's per-epoch progress lines on stdout");
    precision = new Param<>(owner, "precision", "precision of the executors' matrix products: float64 or float32 "
        + "(the driver keeps θ and the optimizer in float64)", Valid.oneOf("precision", List.of("float64", "float32")));
    treeFanout = new IntParam(owner, "treeFanout", "k of the tree of tasks the step's sums are added up (0: the "
        + "driver talks to every task)", Valid.intAtLeast("treeFanout", 0));
    float32Wire = new BooleanParam(owner, "float32Wire", "θ and the sums cross between JVMs as float32");

    TrainDefaults d = TrainDefaults.SHIPPED;
    owner.setDefault(hiddenLayers, DEFAULT_HIDDEN.clone());
    owner.setDefault(activation, d.activation());
    owner.setDefault(init, d.init());
    owner.setDefault(optimizer, d.optimizer());
    owner.setDefault(learningRate, d.learningRate());
    owner.setDefault(batchSize, d.batchSize());
    owner.setDefault(epochs, d.epochs());
    owner.setDefault(seed, d.seed());
    owner.setDefault(l1, d.l1());
    owner.setDefault(l2, d.l2());
    owner.setDefault(dropout, new double[0]);
    owner.setDefault(lrSchedule, d.lrSchedule());
    owner.setDefault(warmupSteps, d.warmupSteps());
    owner.setDefault(verbose, false);
    owner.setDefault(precision, d.precision());
    owner.setDefault(treeFanout, d.treeFanout());
    owner.setDefault(float32Wire, d.float32Wire());
  }
}
