package dev.nabla.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The standard ONNX operators the exporter needs that Tribuo's {@link ONNXOperators} does not list, in
 * the same default domain and opset ({@link ONNXOperators#getOpsetVersion()}, 13). Tribuo builds and
 * checks the nodes (inputs, outputs, attribute names and types) from these descriptions.
 */
enum OnnxOps implements ONNXOperator {
  /** tanh(x). */
  TANH("Tanh"),
  /** max(x, 0). */
  RELU("Relu"),
  /** x for x ≥ 0, alpha·x otherwise (attribute {@code alpha}, float, default 0.01). */
  LEAKY_RELU("LeakyRelu", new ONNXAttribute("alpha", AttributeType.FLOAT, false)),
  /** ln(e^x + 1). */
  SOFTPLUS("Softplus"),
  /**
   * The index of the largest entry along {@code axis}, as int64; {@code keepdims} 0 drops that axis;
   * {@code select_last_index} 1 picks the last of equal largest entries (0: the first).
   */
  ARG_MAX("ArgMax", new ONNXAttribute("axis", AttributeType.INT, false),
      new ONNXAttribute("keepdims", AttributeType.INT, false),
      new ONNXAttribute("select_last_index", AttributeType.INT, false));

  private final String opName;
  private final Map<String, ONNXAttribute> attributes;

  OnnxOps(String opName, ONNXAttribute... attributes) {
    this.opName = opName;
    Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
    for (ONNXAttribute a : attributes) {
      byName.put(a.getName(), a);
    }
    this.attributes = Collections.unmodifiableMap(byName);
  }

  @Override
  public String getOpName() {
    return opName;
  }

  /** One input tensor. */
  @Override
  public int getNumInputs() {
    return 1;
  }

  @Override
  public int getNumOptionalInputs() {
    return 0;
  }

  /** One output tensor. */
  @Override
  public int getNumOutputs() {
    return 1;
  }

  @Override
  public Map<String, ONNXAttribute> getAttributes() {
    return attributes;
  }

  /** None: every attribute has a default in the ONNX specification. */
  @Override
  public Set<String> getMandatoryAttributeNames() {
    return Set.of();
  }

  @Override
  public int getOpVersion() {
    return ONNXOperators.getOpsetVersion();
  }

  /** The default ONNX domain (null, as for Tribuo's own operators). */
  @Override
  public String getOpDomain() {
    return null;
  }
}
