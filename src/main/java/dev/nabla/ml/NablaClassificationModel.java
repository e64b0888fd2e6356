package dev.nabla.ml;

import dev.nabla.export.OnnxExport;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import java.util.Objects;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import scala.Tuple3;

/**
 * A fitted Nabla classifier as a Spark ML probabilistic classification model. rawPrediction and
 * probability are both the network's outputs A^L (softmax: class probabilities summing to 1; a
 * one-output sigmoid model gives (1 − a, a)); prediction is their argmax, or follows
 * {@code thresholds} when set. Features go through the model's own scaling (none when trained by
 * {@link NablaClassifier}; a model trained by {@code nabla train} keeps its fitted scaling).
 *
 * <p>Saved as Spark params metadata plus the Nabla model directory in {@code data/}; {@link #load}
 * and {@code PipelineModel.load} read it back.
 */
public final class NablaClassificationModel
    extends ProbabilisticClassificationModel<Vector, NablaClassificationModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private final Model model;

  /**
   * Wraps a trained Nabla classification model.
   *
   * @throws IllegalArgumentException unless the model classifies with a softmax output or a single sigmoid output
   */
  public NablaClassificationModel(String uid, Model model) {
    this(Uids.announce(uid), model);
  }

  private NablaClassificationModel(Uids.Announced a, Model model) {
    super();
    uid = Uids.done(a);
    this.model = Objects.requireNonNull(model, "model");
    boolean softmax = model.topology().outputActivation() instanceof Softmax;
    boolean binarySigmoid = model.topology().outputSize() == 1 && model.topology().outputActivation() instanceof Sigmoid;
    if (model.task() != Task.CLASSIFICATION || !(softmax || binarySigmoid)) {
      throw new IllegalArgumentException("model " + model + " cannot be a NablaClassificationModel: it needs the "
          + "classification task with a softmax output (or one sigmoid output for 2 classes)");
    }
  }

  /** Wraps a model trained by {@code nabla train} (e.g. {@code ModelIO.load}) with a random uid. */
  public static NablaClassificationModel of(Model model) {
    return new NablaClassificationModel(Uids.random("nablaClassificationModel"), model);
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
   * features (the scaling is folded into layer 1), outputs {@code probability} float32 [N, k] and
   * {@code label} int64 [N], the manifest in its metadata. The label is the arg max: Spark's
   * {@code thresholds}, when set, are not part of the file.
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
  public int numClasses() {
    return model.numClasses();
  }

  @Override
  public int numFeatures() {
    return model.topology().inputSize();
  }

  /** The outputs A^L for one sample of RAW features; a one-output model's a becomes (1 − a, a). */
  @Override
  public Vector predictRaw(Vector features) {
    double[] out = model.predictRaw(Features.of(features, numFeatures(), uid), 1);
    return out.length == 1 ? Vectors.dense(1 - out[0], out[0]) : Vectors.dense(out);
  }

  /** The outputs are already probabilities; returned as they are. */
  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    return rawPrediction;
  }

  /**
   * Spark's own (it names the columns a training summary reads); overridden only because the Scala
   * superclasses declare it twice with covariant return types, which javac needs resolved.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // Scala's Tuple3 is covariant; Java can only say both with a raw type
  public Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public NablaClassificationModel copy(ParamMap extra) {
    return copyValues(new NablaClassificationModel(uid, model), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new ModelWriter(this, model);
  }

  /** The reader {@code PipelineModel.load} looks up by reflection. */
  public static MLReader<NablaClassificationModel> read() {
    return new ModelReader<>(NablaClassificationModel.class, NablaClassificationModel::new);
  }

  /** Loads a model saved with {@code write().save(path)}. */
  public static NablaClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NablaClassificationModel: uid=" + uid + ", " + model;
  }
}
