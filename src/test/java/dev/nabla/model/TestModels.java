package dev.nabla.model;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small models whose outputs are worked out by hand in the tests that use them. */
final class TestModels {
  private TestModels() {
  }

  /**
   * 2-2(relu)-2(softmax), cross-entropy, standard scaling shift (1, 0), factor (0.5, 2).
   * W1 = [[1, −1], [2, 0.5]], b1 = (0.5, −1); W2 = [[1, 0.5], [−1, 2]], b2 = (0, 0.25).
   */
  static Model softmaxClassifier() {
    Topology t = Topology.of(new int[] {2, 2, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = {1, 2, -1, 0.5, 0.5, -1, 1, -1, 0.5, 2, 0, 0.25};
    Scaling s = new Scaling(ScalingKind.STANDARD, new double[] {1, 0}, new double[] {0.5, 2});
    return new Model(t, params, s, Task.CLASSIFICATION, 2, manifest(t, Task.CLASSIFICATION, 2, s.kind()));
  }

  /** 1-1(sigmoid), binary cross-entropy, no scaling: a = σ(2x − 1), so x = 0.5 gives exactly 0.5. */
  static Model binaryClassifier() {
    Topology t = new Topology(new int[] {1, 1}, new Activation[] {new Sigmoid()}, Loss.BINARY_CROSS_ENTROPY);
    Scaling s = Scaling.none(1);
    return new Model(t, new double[] {2, -1}, s, Task.CLASSIFICATION, 2, manifest(t, Task.CLASSIFICATION, 2, s.kind()));
  }

  /** 3-2(identity), quadratic, min-max scaling; outputs y = W ((x − shift) · factor) + b. */
  static Model regressor() {
    Topology t = new Topology(new int[] {3, 2}, new Activation[] {Activation.parse("identity")}, Loss.QUADRATIC);
    double[] params = {1, 0, 0, 1, 2, -1, 0.5, -0.5};
    Scaling s = new Scaling(ScalingKind.MINMAX, new double[] {0, 1, -1}, new double[] {1, 0.5, 0.25});
    return new Model(t, params, s, Task.REGRESSION, 0, manifest(t, Task.REGRESSION, 0, s.kind()));
  }

  static Manifest manifest(Topology t, Task task, int numClasses, ScalingKind kind) {
    Map<String, String> hyper = new LinkedHashMap<>();
    hyper.put("optimizer", "adam");
    hyper.put("learningRate", "0.001");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", 0.9375);
    metrics.put("r2", Double.NaN);
    return Manifest.create(t, task, numClasses, kind, 42L, hyper, Map.of("train", "file:/data/train.libsvm"),
        12.5, metrics, Map.of("host", "test"));
  }
}
