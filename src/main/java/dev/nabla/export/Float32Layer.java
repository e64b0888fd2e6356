package dev.nabla.export;

import dev.nabla.model.Model;
import dev.nabla.model.ScalingKind;
import dev.nabla.nn.Topology;

/**
 * Layer l's parameters as float32 tensors for an ONNX {@code Gemm}: Z = A·B + C with A the [N, n_{l−1}]
 * batch. Nabla stores W^l column-major (n_l × n_{l−1}, entry W[j][k] at j + k·n_l), which is exactly the
 * row-major [n_{l−1}, n_l] tensor B = (W^l)ᵀ, so the block is cast value by value without reordering.
 * The values come from {@link Model#foldedParams()} (scaling folded in float64) and are rounded once, to
 * the nearest float.
 *
 * @param layer l, 1..L
 * @param inputs n_{l−1}, the rows of {@code weights}
 * @param outputs n_l, the columns of {@code weights} and the length of {@code bias}
 * @param weights (W^l)ᵀ row-major, n_{l−1}·n_l values
 * @param bias b^l, n_l values
 */
record Float32Layer(int layer, int inputs, int outputs, float[] weights, float[] bias) {

  /**
   * Layer {@code l} of {@code m}, from its folded parameters {@code folded}.
   *
   * @throws NotExportableException when a value is beyond float32's range, naming the layer and the entry
   */
  static Float32Layer of(Model m, double[] folded, int l) {
    Topology t = m.topology();
    int in = t.size(l - 1);
    int out = t.size(l);
    float[] w = new float[in * out];
    for (int i = 0; i < w.length; i++) {
      w[i] = narrow(m, l, folded[t.weightOffset(l) + i], "weight W[" + (i % out) + "][" + (i / out) + "]");
    }
    float[] b = new float[out];
    for (int j = 0; j < out; j++) {
      b[j] = narrow(m, l, folded[t.biasOffset(l) + j], "bias b[" + j + "]");
    }
    return new Float32Layer(l, in, out, w, b);
  }

  private static float narrow(Model m, int l, double v, String entry) {
    float f = (float) v;
    if (Float.isFinite(f)) {
      return f;
    }
    boolean folded = l == 1 && m.scaling().kind() != ScalingKind.NONE;
    throw new NotExportableException("cannot export " + m.topology() + " to ONNX: layer " + l + "'s " + entry + " is "
        + v + (folded ? " once the " + m.scaling().kind() + " scaling is folded into it" : "")
        + ", beyond float32's range (±" + Float.MAX_VALUE + ") in which ONNX Runtime serves the model; "
        + (folded ? "a feature with a nearly constant value has a huge scaling factor: drop or rescale it and retrain"
            : "retrain with a smaller learning rate or with --l2"));
  }
}
