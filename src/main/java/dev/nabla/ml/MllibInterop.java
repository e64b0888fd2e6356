package dev.nabla.ml;

import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;

/**
 * Converts between Nabla classifiers and Spark MLlib's {@link MultilayerPerceptronClassificationModel}.
 *
 * <p>MLlib's perceptron ({@code ml.ann}) is a stack of affine layers with sigmoid between them and a
 * softmax on top, its weights one flat vector: per layer l, W^l (n_l × n_{l−1}, column-major) then
 * b^l. That is Nabla's {@link Topology} layout exactly, so the weights are copied without reordering.
 * A Nabla model is representable when every hidden layer is sigmoid and the output is softmax over
 * numClasses units; its input scaling, if any, is folded into the first layer
 * (W' = W·diag(factor), b' = b − W·diag(factor)·shift), since MLlib's model has none.
 */
public final class MllibInterop {
  private MllibInterop() {
  }

  /**
   * The MLlib model computing the same probabilities (to rounding) and predictions; the standard
   * column params (featuresCol, predictionCol, probabilityCol, rawPredictionCol, thresholds) are copied.
   *
   * @throws IllegalArgumentException naming the layer MLlib cannot represent and what it would need
   */
  public static MultilayerPerceptronClassificationModel toMllib(NablaClassificationModel m) {
    MultilayerPerceptronClassificationModel out = toMllib(m.nablaModel(), Uids.random("mlpc"));
    return m.copyValues(out, ParamMap.empty());
  }

  /** {@link #toMllib(NablaClassificationModel)} for a bare Nabla model (e.g. one {@code nabla train} saved). */
  public static MultilayerPerceptronClassificationModel toMllib(Model m, String uid) {
    checkRepresentable(m);
    MultilayerPerceptronClassificationModel out =
        new MultilayerPerceptronClassificationModel(uid, Vectors.dense(m.foldedParams()));
    out.set(out.layers(), m.topology().sizes());
    return out;
  }

  /**
   * The Nabla model computing MLlib's probabilities (to rounding) and predictions: sigmoid hidden layers,
   * softmax output with cross-entropy, no scaling, MLlib's weights as the flat parameters; the standard
   * column params are copied.
   */
  public static NablaClassificationModel fromMllib(MultilayerPerceptronClassificationModel m) {
    int[] sizes = m.getLayers();
    Topology t = Topology.of(sizes, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] weights = m.weights().toArray();
    if (weights.length != t.numParams()) {
      throw new IllegalArgumentException("MLlib model " + m.uid() + " has " + weights.length + " weights but layers "
          + Arrays.toString(sizes) + " need " + t.numParams() + "; the model is inconsistent, reload or retrain it");
    }
    int k = sizes[sizes.length - 1];
    Map<String, String> hyper = new LinkedHashMap<>();
    hyper.put("source", "MultilayerPerceptronClassificationModel " + m.uid());
    hyper.put("solver", m.getSolver());
    hyper.put("maxIter", Integer.toString(m.getMaxIter()));
    Manifest manifest = Manifest.create(t, Task.CLASSIFICATION, k, ScalingKind.NONE, m.getSeed(), hyper, Map.of(), 0,
        Map.of(), Map.of("imported_from", m.uid()));
    Model model = new Model(t, weights, Scaling.none(sizes[0]), Task.CLASSIFICATION, k, manifest);
    return m.copyValues(NablaClassificationModel.of(model), ParamMap.empty());
  }

  /**
   * MLlib's model as an ONNX file's bytes, through {@link #fromMllib}: input {@code features} float32
   * [N, n_0], outputs {@code probability} float32 [N, k] and {@code label} int64 [N] (see
   * {@link NablaClassificationModel#toOnnx()}).
   */
  public static byte[] toOnnx(MultilayerPerceptronClassificationModel m) {
    return fromMllib(m).toOnnx();
  }

  /** Writes {@link #toOnnx(MultilayerPerceptronClassificationModel)} to the file {@code path}, atomically. */
  public static void saveOnnx(MultilayerPerceptronClassificationModel m, String path, boolean overwrite) {
    fromMllib(m).saveOnnx(path, overwrite);
  }

  /** @throws IllegalArgumentException unless MLlib's perceptron can compute {@code m} */
  public static void checkRepresentable(Model m) {
    Topology t = m.topology();
    String fix = "; MLlib's MultilayerPerceptronClassificationModel has sigmoid hidden layers and a softmax output "
        + "over numClasses units: train with activation sigmoid (the classifier's output is softmax)";
    if (m.task() != Task.CLASSIFICATION || !(t.outputActivation() instanceof Softmax)
        || t.outputSize() != m.numClasses()) {
      throw new IllegalArgumentException("cannot export " + t + " (" + m.task() + ") to MLlib: the output layer is "
          + t.outputActivation().name() + " with " + t.outputSize() + " units" + fix);
    }
    for (int l = 1; l < t.numLayers(); l++) {
      if (!(t.activation(l) instanceof Sigmoid)) {
        throw new IllegalArgumentException("cannot export " + t + " to MLlib: hidden layer " + l + " is "
            + t.activation(l).name() + fix);
      }
    }
  }
}
