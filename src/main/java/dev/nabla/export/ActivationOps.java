package dev.nabla.export;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Identity;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.Topology;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Each Nabla activation as the ONNX operator computing it on a [N, n_l] tensor of weighted inputs:
 * sigmoid → Sigmoid, tanh → Tanh, relu → Relu, leaky-relu:s → LeakyRelu(alpha = s as float),
 * softplus → Softplus, softmax → Softmax(axis = 1, over each row's n_l entries), identity → no node.
 */
final class ActivationOps {
  private ActivationOps() {
  }

  /**
   * σ^l(z) for layer {@code l} of {@code t}.
   *
   * @throws NotExportableException for an activation this class does not know, naming the layer
   */
  static ONNXRef<?> apply(Topology t, int l, ONNXRef<?> z) {
    Activation a = t.activation(l);
    String name = "a" + l;
    if (a instanceof Identity) {
      return z;
    }
    if (a instanceof Sigmoid) {
      return z.apply(ONNXOperators.SIGMOID, name);
    }
    if (a instanceof Tanh) {
      return z.apply(OnnxOps.TANH, name);
    }
    if (a instanceof Relu) {
      return z.apply(OnnxOps.RELU, name);
    }
    if (a instanceof LeakyRelu leaky) {
      return z.onnxContext().operation(OnnxOps.LEAKY_RELU, List.of(z), name,
          Map.of("alpha", (float) leaky.slope()));
    }
    if (a instanceof Softplus) {
      return z.apply(OnnxOps.SOFTPLUS, name);
    }
    if (a instanceof Softmax) {
      return z.onnxContext().operation(ONNXOperators.SOFTMAX, List.of(z), name, Map.of("axis", 1));
    }
    throw new NotExportableException("cannot export " + t + " to ONNX: layer " + l + "'s activation " + a.name()
        + " (" + a.getClass().getName() + ") has no ONNX operator in Nabla's exporter; use sigmoid, tanh, relu, "
        + "leaky-relu, softplus, identity or softmax");
  }
}
