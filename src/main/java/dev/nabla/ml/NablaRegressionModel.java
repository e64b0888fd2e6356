package dev.nabla.ml;

import dev.nabla.export.OnnxExport;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.util.Objects;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted Nabla regressor as a Spark ML regression model: prediction is the network's first output
 * for the RAW features (the model applies its own scaling, none when trained by {@link NablaRegressor}).
 * Saved as Spark params metadata plus the Nabla model directory in {@code data/}.
 */
public final class NablaRegressionModel extends RegressionModel<Vector, NablaRegressionModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final Model model;

  /**
   * Wraps a trained Nabla regression model.
   *
   * @throws IllegalArgumentException unless the model's task is regression
   */
  public NablaRegressionModel(String uid, Model model) {
    this(Uids.announce(uid), model);
  }

  private NablaRegressionModel(Uids.Announced a, Model model) {
    super();
    uid = Uids.done(a);
    this.model = Objects.requireNonNull(model, "model");
    if (model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("model " + model + " cannot be a NablaRegressionModel: its task is "
          + model.task() + "; wrap classifiers in NablaClassificationModel");
    }
  }

  /** Wraps a model trained by {@code nabla train} (e.g. {@code ModelIO.load}) with a random uid. */
  public static NablaRegressionModel of(Model model) {
    return new NablaRegressionModel(Uids.random("nablaRegressionModel"), model);
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.claim();
    }
    return uid;
  }

  /** The Nabla model: topology, flat parameters, scaling, manifest. */
  public Model nablaModel() {
    return model;
  }

  /**
   * This model as an ONNX file's bytes ({@link OnnxExport}): input {@code features} float32 [N, n_0] of RAW
   * features (the scaling is folded into layer 1), output {@code prediction} float32 [N, n_L] (every target;
   * {@link #predict} is its first column), the manifest in its metadata.
   *
   * @throws dev.nabla.export.NotExportableException naming the layer when a parameter is beyond float32's range
   */
  public byte[] toOnnx() {
    return OnnxExport.toBytes(model);
  }

  /**
   * Writes {@link #toOnnx()} to the file {@code path} (any Hadoop path, through the active Spark session's
   * Hadoop configuration), atomically.
   *
   * @throws dev.nabla.export.OutputExistsException when the file exists and {@code overwrite} is false
   */
  public void saveOnnx(String path, boolean overwrite) {
    OnnxExport.write(model, path, overwrite, SparkSession.active().sparkContext().hadoopConfiguration());
  }

  @Override
  public int numFeatures() {
    return model.topology().inputSize();
  }

  /** The first output of the network for one sample of RAW features. */
  @Override
  public double predict(Vector features) {
    return model.predict(Features.of(features, numFeatures(), uid), 1)[0];
  }

  @Override
  public NablaRegressionModel copy(ParamMap extra) {
    return copyValues(new NablaRegressionModel(uid, model), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new ModelWriter(this, model);
  }

  /** The reader {@code PipelineModel.load} looks up by reflection. */
  public static MLReader<NablaRegressionModel> read() {
    return new ModelReader<>(NablaRegressionModel.class, NablaRegressionModel::new);
  }

  /** Loads a model saved with {@code write().save(path)}. */
  public static NablaRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NablaRegressionModel: uid=" + uid + ", " + model;
  }
}
