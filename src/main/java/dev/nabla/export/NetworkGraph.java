package dev.nabla.export;

import ai.onnx.proto.OnnxMl;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import dev.nabla.nn.Topology;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A Nabla network as an ONNX graph, built with Tribuo's {@link ONNXContext}:
 * <pre>
 *   features [N, n_0] float32 (RAW: the fitted scaling is folded into layer 1)
 *   per layer l:  z_l = Gemm(a_{l−1}, (W^l)ᵀ, b^l);  a_l = σ^l(z_l)            ({@link ActivationOps})
 *   classification:  probability [N, k] float32 = a_L        (one output unit: (1 − a_L, a_L), k = 2)
 *                    label [N] int64 = ArgMax(probability, axis 1)
 *   regression:      prediction [N, n_L] float32 = a_L
 * </pre>
 * The label follows {@link Model}'s rule: the lowest index among equal largest outputs
 * ({@code select_last_index} 0), and for one output unit class 1 exactly when a ≥ 0.5 (the arg max of
 * (1 − a, a) taking the LAST of equal entries, so a = 0.5 gives 1; 1 − a is exact in float32 for
 * a ∈ [0.5, 2], which is where the comparison is close).
 */
final class NetworkGraph {
  private NetworkGraph() {
  }

  /**
   * The graph of {@code m}.
   *
   * @throws NotExportableException when a parameter does not fit float32 or an activation has no operator
   */
  static OnnxMl.GraphProto of(Model m) {
    Topology t = m.topology();
    double[] folded = m.foldedParams();
    ONNXContext ctx = new ONNXContext();
    ctx.setName("nabla_mlp");
    ONNXRef<?> a = ctx.floatInput(OnnxExport.INPUT, t.inputSize());
    for (int l = 1; l <= t.numLayers(); l++) {
      Float32Layer layer = Float32Layer.of(m, folded, l);
      ONNXInitializer w = ctx.floatTensor("W" + l, List.of(layer.inputs(), layer.outputs()),
          buffer -> buffer.put(layer.weights()));
      ONNXInitializer b = ctx.floatTensor("b" + l, List.of(layer.outputs()), buffer -> buffer.put(layer.bias()));
      a = ActivationOps.apply(t, l, ctx.operation(ONNXOperators.GEMM, List.of(a, w, b), "z" + l));
    }
    if (m.task() == Task.REGRESSION) {
      a.assignTo(ctx.floatOutput(OnnxExport.PREDICTION, t.outputSize()));
      return ctx.buildGraph();
    }
    boolean oneUnit = t.outputSize() == 1;
    ONNXRef<?> probability = oneUnit ? bothClasses(ctx, a) : a;
    probability.assignTo(ctx.floatOutput(OnnxExport.PROBABILITY, m.numClasses()));
    OnnxMl.NodeProto argMax = OnnxOps.ARG_MAX.build(ctx, probability.getReference(), OnnxExport.LABEL,
        Map.of("axis", 1, "keepdims", 0, "select_last_index", oneUnit ? 1 : 0));
    return ctx.buildGraph().toBuilder().addNode(argMax).addOutput(int64Vector(OnnxExport.LABEL)).build();
  }

  /** (1 − a, a) as an [N, 2] tensor, from the [N, 1] output a of a one-unit classifier. */
  private static ONNXRef<?> bothClasses(ONNXContext ctx, ONNXRef<?> a) {
    ONNXRef<?> rest = ctx.operation(ONNXOperators.SUB, List.of(ctx.constant("one", 1f), a), "class0");
    return ctx.operation(ONNXOperators.CONCAT, List.of(rest, a), "classes", Map.of("axis", 1));
  }

  /**
   * A graph output of type int64 and shape [N] (Tribuo's context declares float outputs only). The
   * dimension's name, "batch", is the one Tribuo gives the float inputs and outputs.
   */
  private static OnnxMl.ValueInfoProto int64Vector(String name) {
    OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")).build();
    OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder()
        .setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber()).setShape(shape).build();
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
  }
}
