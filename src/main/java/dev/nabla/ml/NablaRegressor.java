package dev.nabla.ml;

import dev.nabla.model.Task;
import dev.nabla.train.TargetScalingKind;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML Estimator that trains a Nabla multilayer perceptron for one numeric target (hidden layers
 * of {@code activation}, identity output, mean quadratic loss ½‖a − y‖²) with Nabla's data-parallel
 * mini-batch training. Standard Params {@code featuresCol}, {@code labelCol} (the target, cast to
 * double) and {@code predictionCol}; Nabla's own Params are in {@link NablaParams}, and {@link #scaleTarget()}:
 * by default the target is standardized for training (y' = (y − μ)/σ on the training rows) and μ and σ are folded
 * into the output layer of the fitted model, which predicts in the label's units.
 */
public final class NablaRegressor extends Regressor<Vector, NablaRegressor, NablaRegressionModel>
    implements NablaParams<NablaRegressor>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final NablaParamSet nabla;
  private final Param<String> scaleTarget;

  /** A regressor with a random uid {@code nablaRegressor_…} and the default Params. */
  public NablaRegressor() {
    this(Uids.random("nablaRegressor"));
  }

  /** A regressor with the given uid (Spark's copy and load call this). */
  public NablaRegressor(String uid) {
    this(Uids.announce(uid));
  }

  private NablaRegressor(Uids.Announced a) {
    super();
    uid = Uids.done(a);
    nabla = new NablaParamSet(this);
    List<String> kinds = Arrays.stream(TargetScalingKind.values()).map(TargetScalingKind::cliName).toList();
    scaleTarget = new Param<>(this, "scaleTarget", "standardize the target for training and fold it back into the "
        + "model: " + String.join(" or ", kinds), Valid.oneOf("scaleTarget", kinds));
    setDefault(scaleTarget, TargetScalingKind.REGRESSION_DEFAULT);
  }

  /** Standardize the target for training and fold μ, σ into the model: standard (the default) or none. */
  public Param<String> scaleTarget() {
    return scaleTarget;
  }

  /** The scaleTarget setting: standard or none. */
  public String getScaleTarget() {
    return getOrDefault(scaleTarget);
  }

  /** Sets scaleTarget: standard or none. */
  public NablaRegressor setScaleTarget(String value) {
    set(scaleTarget, value);
    return this;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.claim();
    }
    return uid;
  }

  @Override
  public NablaParamSet nablaParamSet() {
    return nabla;
  }

  @Override
  public NablaRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public NablaRegressionModel train(Dataset<?> dataset) {
    return new NablaRegressionModel(uid,
        Fitting.fit(dataset, getLabelCol(), getFeaturesCol(), Task.REGRESSION, 0, this,
            TargetScalingKind.parse(getScaleTarget()), uid));
  }

  /** Spark's default params reader, which {@code Pipeline.load} looks up by reflection. */
  public static MLReader<NablaRegressor> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a regressor saved with {@code write().save(path)}. */
  public static NablaRegressor load(String path) {
    return read().load(path);
  }
}
