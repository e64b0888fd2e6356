package dev.nabla.ml;

import dev.nabla.train.TrainDefaults;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Nabla's training Params, shared by {@link NablaClassifier} and {@link NablaRegressor}: for each one
 * the Param (for ParamGridBuilder and ParamMaps), a getter and a chainable setter. Defaults are set in
 * {@link NablaParamSet}, from {@link TrainDefaults#SHIPPED} where {@code nabla train} has the same setting; every value is validated when set (the error names the param, the value and
 * what is allowed); combinations (layers against the data, dropout against the hidden layers, an
 * optimizer setting the chosen optimizer does not use) are checked when {@code fit} starts.
 *
 * @param <S> the estimator type the setters return
 */
public interface NablaParams<S extends NablaParams<S>> extends Params {

  /** The Param objects of this estimator; use the methods below instead. */
  NablaParamSet nablaParamSet();

  /** This estimator, typed for chaining. */
  @SuppressWarnings("unchecked")
  private S self() { return (S) this; }

  /** All layer sizes n_0..n_L; unset by default (then hiddenLayers decides). */
  default IntArrayParam layers() { return nablaParamSet().layers; }
  default int[] getLayers() { return getOrDefault(layers()); }
  default S setLayers(int[] value) { set(layers(), value); return self(); }

  /** Hidden layer sizes (default [10]); n_0 and n_L come from the data. */
  default IntArrayParam hiddenLayers() { return nablaParamSet().hiddenLayers; }
  default int[] getHiddenLayers() { return getOrDefault(hiddenLayers()); }
  default S setHiddenLayers(int[] value) { set(hiddenLayers(), value); return self(); }

  /** Hidden activation (default: {@link TrainDefaults#activation()}). */
  default Param<String> activation() { return nablaParamSet().activation; }
  default String getActivation() { return getOrDefault(activation()); }
  default S setActivation(String value) { set(activation(), value); return self(); }

  /**
   * Initialisation: auto (he-normal for relu/leaky-relu, glorot-uniform otherwise) or a scheme (default:
   * {@link TrainDefaults#init()}).
   */
  default Param<String> init() { return nablaParamSet().init; }
  default String getInit() { return getOrDefault(init()); }
  default S setInit(String value) { set(init(), value); return self(); }

  /**
   * Optimizer: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw (default:
   * {@link TrainDefaults#optimizer()}).
   */
  default Param<String> optimizer() { return nablaParamSet().optimizer; }
  default String getOptimizer() { return getOrDefault(optimizer()); }
  default S setOptimizer(String value) { set(optimizer(), value); return self(); }

  /** Base learning rate η0 (default: {@link TrainDefaults#learningRate()}). */
  default DoubleParam learningRate() { return nablaParamSet().learningRate; }
  default double getLearningRate() { return (Double) getOrDefault(learningRate()); }
  default S setLearningRate(double value) { set(learningRate(), value); return self(); }

  /** Global mini-batch size m (default: {@link TrainDefaults#batchSize()}). */
  default IntParam batchSize() { return nablaParamSet().batchSize; }
  default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
  default S setBatchSize(int value) { set(batchSize(), value); return self(); }

  /** Passes over the training data (default: {@link TrainDefaults#epochs()}). */
  default IntParam epochs() { return nablaParamSet().epochs; }
  default int getEpochs() { return (Integer) getOrDefault(epochs()); }
  default S setEpochs(int value) { set(epochs(), value); return self(); }

  /** The run's one seed (default: {@link TrainDefaults#seed()}). */
  default LongParam seed() { return nablaParamSet().seed; }
  default long getSeed() { return (Long) getOrDefault(seed()); }
  default S setSeed(long value) { set(seed(), value); return self(); }

  /** L1 penalty on weights (default: {@link TrainDefaults#l1()}). */
  default DoubleParam l1() { return nablaParamSet().l1; }
  default double getL1() { return (Double) getOrDefault(l1()); }
  default S setL1(double value) { set(l1(), value); return self(); }

  /** L2 penalty on weights (default: {@link TrainDefaults#l2()}). */
  default DoubleParam l2() { return nablaParamSet().l2; }
  default double getL2() { return (Double) getOrDefault(l2()); }
  default S setL2(double value) { set(l2(), value); return self(); }

  /** Dropout rates of hidden layers (default none: empty). */
  default DoubleArrayParam dropout() { return nablaParamSet().dropout; }
  default double[] getDropout() { return getOrDefault(dropout()); }
  default S setDropout(double[] value) { set(dropout(), value); return self(); }

  /**
   * Learning-rate schedule: constant, step, exponential, inverse-time, cosine; not plateau (default:
   * {@link TrainDefaults#lrSchedule()}).
   */
  default Param<String> lrSchedule() { return nablaParamSet().lrSchedule; }
  default String getLrSchedule() { return getOrDefault(lrSchedule()); }
  default S setLrSchedule(String value) { set(lrSchedule(), value); return self(); }

  /** Schedule decay γ (unset: the schedule's default). */
  default DoubleParam lrDecay() { return nablaParamSet().lrDecay; }
  default double getLrDecay() { return (Double) getOrDefault(lrDecay()); }
  default S setLrDecay(double value) { set(lrDecay(), value); return self(); }

  /** Schedule decay period in steps (unset: one epoch). */
  default LongParam lrStep() { return nablaParamSet().lrStep; }
  default long getLrStep() { return (Long) getOrDefault(lrStep()); }
  default S setLrStep(long value) { set(lrStep(), value); return self(); }

  /** Floor of the cosine schedule (unset: {@link dev.nabla.optim.CosineAnnealing#DEFAULT_MIN_RATE}). */
  default DoubleParam lrMin() { return nablaParamSet().lrMin; }
  default double getLrMin() { return (Double) getOrDefault(lrMin()); }
  default S setLrMin(double value) { set(lrMin(), value); return self(); }

  /** Linear warmup steps (default: {@link TrainDefaults#warmupSteps()}). */
  default LongParam warmupSteps() { return nablaParamSet().warmupSteps; }
  default long getWarmupSteps() { return (Long) getOrDefault(warmupSteps()); }
  default S setWarmupSteps(long value) { set(warmupSteps(), value); return self(); }

  /** μ of momentum/nesterov (unset: {@link dev.nabla.optim.Momentum#DEFAULT_MOMENTUM}). */
  default DoubleParam momentum() { return nablaParamSet().momentum; }
  default double getMomentum() { return (Double) getOrDefault(momentum()); }
  default S setMomentum(double value) { set(momentum(), value); return self(); }

  /** Adam β1 (unset: {@link dev.nabla.optim.Adam#DEFAULT_BETA1}). */
  default DoubleParam beta1() { return nablaParamSet().beta1; }
  default double getBeta1() { return (Double) getOrDefault(beta1()); }
  default S setBeta1(double value) { set(beta1(), value); return self(); }

  /** Adam β2 (unset: {@link dev.nabla.optim.Adam#DEFAULT_BETA2}). */
  default DoubleParam beta2() { return nablaParamSet().beta2; }
  default double getBeta2() { return (Double) getOrDefault(beta2()); }
  default S setBeta2(double value) { set(beta2(), value); return self(); }

  /** ε of adagrad, rmsprop, adam, adamw (unset: the optimizer's default). */
  default DoubleParam epsilon() { return nablaParamSet().epsilon; }
  default double getEpsilon() { return (Double) getOrDefault(epsilon()); }
  default S setEpsilon(double value) { set(epsilon(), value); return self(); }

  /** AdamW weight decay (unset: {@link dev.nabla.optim.AdamW#DEFAULT_WEIGHT_DECAY}). */
  default DoubleParam weightDecay() { return nablaParamSet().weightDecay; }
  default double getWeightDecay() { return (Double) getOrDefault(weightDecay()); }
  default S setWeightDecay(double value) { set(weightDecay(), value); return self(); }

  /** RMSProp ρ (unset: {@link dev.nabla.optim.RmsProp#DEFAULT_RHO}). */
  default DoubleParam rho() { return nablaParamSet().rho; }
  default double getRho() { return (Double) getOrDefault(rho()); }
  default S setRho(double value) { set(rho(), value); return self(); }

  /** Clip the mean gradient to this L2 norm (unset: no clipping). */
  default DoubleParam clipNorm() { return nablaParamSet().clipNorm; }
  default double getClipNorm() { return (Double) getOrDefault(clipNorm()); }
  default S setClipNorm(double value) { set(clipNorm(), value); return self(); }

  /** Clip each mean-gradient entry to [-c, c] (unset: no clipping). */
  default DoubleParam clipValue() { return nablaParamSet().clipValue; }
  default double getClipValue() { return (Double) getOrDefault(clipValue()); }
  default S setClipValue(double value) { set(clipValue(), value); return self(); }

  /** Print per-epoch progress lines (default false). */
  default BooleanParam verbose() { return nablaParamSet().verbose; }
  default boolean getVerbose() { return (Boolean) getOrDefault(verbose()); }
  default S setVerbose(boolean value) { set(verbose(), value); return self(); }

  /** Precision of the executors' matrix products, float64 or float32 (default: {@link TrainDefaults#precision()}). */
  default Param<String> precision() { return nablaParamSet().precision; }
  default String getPrecision() { return getOrDefault(precision()); }
  default S setPrecision(String value) { set(precision(), value); return self(); }

  /** k of the tree the step's sums are added up, 0 the star (default: {@link TrainDefaults#treeFanout()}). */
  default IntParam treeFanout() { return nablaParamSet().treeFanout; }
  default int getTreeFanout() { return (Integer) getOrDefault(treeFanout()); }
  default S setTreeFanout(int value) { set(treeFanout(), value); return self(); }

  /** θ and the sums travel as float32 (default: {@link TrainDefaults#float32Wire()}). */
  default BooleanParam float32Wire() { return nablaParamSet().float32Wire; }
  default boolean getFloat32Wire() { return (Boolean) getOrDefault(float32Wire()); }
  default S setFloat32Wire(boolean value) { set(float32Wire(), value); return self(); }
}
