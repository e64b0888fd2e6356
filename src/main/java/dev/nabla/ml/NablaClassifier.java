package dev.nabla.ml;

import dev.nabla.model.Model;
import dev.nabla.model.Task;
import dev.nabla.train.TargetScalingKind;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML Estimator that trains a Nabla multilayer perceptron classifier (hidden layers of
 * {@code activation}, softmax output, mean cross-entropy loss) with Nabla's data-parallel mini-batch
 * training. Use it like any Spark probabilistic classifier: in a {@code Pipeline}, in
 * {@code CrossValidator} with a {@code ParamGridBuilder}, with {@code featuresCol}, {@code labelCol}
 * (class indices 0..k-1), {@code predictionCol}, {@code probabilityCol}, {@code rawPredictionCol} and
 * {@code thresholds}. Nabla's own Params are in {@link NablaParams}.
 *
 * <p>k is read from the label column's metadata (e.g. set by StringIndexer), or else is the largest
 * label + 1. Saved and loaded with Spark's default params writer and reader.
 */
public final class NablaClassifier extends ProbabilisticClassifier<Vector, NablaClassifier, NablaClassificationModel>
    implements NablaParams<NablaClassifier>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** The most classes {@code fit} accepts when it reads k from the labels. */
  public static final int MAX_CLASSES = 10_000;

  private String uid;
  private final NablaParamSet nabla;

  /** A classifier with a random uid {@code nablaClassifier_…} and the default Params. */
  public NablaClassifier() {
    this(Uids.random("nablaClassifier"));
  }

  /** A classifier with the given uid (Spark's copy and load call this). */
  public NablaClassifier(String uid) {
    this(Uids.announce(uid));
  }

  private NablaClassifier(Uids.Announced a) {
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
  public NablaClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public NablaClassificationModel train(Dataset<?> dataset) {
    int k = getNumClasses(dataset, MAX_CLASSES);
    if (k < 2) {
      throw new IllegalArgumentException(uid + ": label column '" + getLabelCol() + "' holds " + k
          + " class; a classifier needs at least 2 classes (labels 0..k-1)");
    }
    Model model = Fitting.fit(dataset, getLabelCol(), getFeaturesCol(), Task.CLASSIFICATION, k, this,
        TargetScalingKind.NONE, uid);
    return new NablaClassificationModel(uid, model);
  }

  /** Spark's default params reader, which {@code Pipeline.load} looks up by reflection. */
  public static MLReader<NablaClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a classifier saved with {@code write().save(path)}. */
  public static NablaClassifier load(String path) {
    return read().load(path);
  }
}
