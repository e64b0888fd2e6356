package dev.nabla.ml;

import dev.nabla.model.Task;
import org.apache.spark.ml.linalg.Vector;
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
 * double) and {@code predictionCol}; Nabla's own Params are in {@link NablaParams}. Targets are not
 * scaled: with large targets lower the learning rate or standardise them first.
 */
public final class NablaRegressor extends Regressor<Vector, NablaRegressor, NablaRegressionModel>
    implements NablaParams<NablaRegressor>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final NablaParamSet nabla;

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
        Fitting.fit(dataset, getLabelCol(), getFeaturesCol(), Task.REGRESSION, 0, this, uid));
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
