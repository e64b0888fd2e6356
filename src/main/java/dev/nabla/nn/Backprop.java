package dev.nabla.nn;

/**
 * The four equations of backpropagation, over a batch held as column-major matrices with one column
 * per sample (notation of Nielsen, "Neural Networks and Deep Learning", ch. 2):
 *
 * <pre>
 *   BP1  δ^L = ∇_a C ⊙ σ'(z^L)              (δ^L = a^L − y for sigmoid+binary-CE and softmax+CE)
 *   BP2  δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l)
 *   BP3  ∂C/∂b^l = δ^l                       (summed over the batch: one row-sum)
 *   BP4  ∂C/∂W^l = δ^l (a^{l−1})ᵀ            (over the batch: one GEMM, = Σ_x δ_x a_xᵀ)
 * </pre>
 *
 * At layer 1, a^0 is the input x, held dense or sparse ({@link Inputs}): {@link #bp4First} lets the
 * inputs form δ¹Xᵀ (one GEMM, or one axpy per non-zero).
 *
 * BP3 and BP4 ADD the batch's SUM into the gradient array; nothing here divides by the batch size.
 */
public final class Backprop {
  private Backprop() {
  }

  /** BP1: δ^L = ∇_a C ⊙ σ'(z^L) with ∇_a C = a^L − y; the σ' factor cancels for the canonical pairs. */
  public static void bp1(Topology t, double[] zL, double[] aL, double[] y, double[] deltaL, int cols) {
    int len = t.outputSize() * cols;
    for (int i = 0; i < len; i++) {
      deltaL[i] = aL[i] - y[i];
    }
    if (!t.loss().deltaIsOutputMinusTarget()) {
      t.outputActivation().multiplyByDerivative(zL, aL, deltaL, len);
    }
  }

  /** BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l), for 1 ≤ l &lt; L, in float64 on θ. */
  public static void bp2(Topology t, double[] params, int l, double[] deltaNext, double[] zl, double[] al,
      double[] deltal, int cols) {
    Products.Float64 w = new Products.Float64(t);
    w.begin(params, false);
    bp2(t, w, l, deltaNext, zl, al, deltal, cols);
  }

  /** BP2 with the pass's products (its precision). */
  static void bp2(Topology t, Products w, int l, double[] deltaNext, double[] zl, double[] al, double[] deltal,
      int cols) {
    w.backward(l + 1, deltaNext, cols, deltal);
    t.activation(l).multiplyByDerivative(zl, al, deltal, t.size(l) * cols);
  }

  /** BP3: ∂C/∂b^l summed over the batch, grad[b^l] += Σ_columns δ^l. */
  public static void bp3(Topology t, int l, double[] deltal, int cols, double[] grad) {
    int nl = t.size(l);
    int b = t.biasOffset(l);
    for (int c = 0; c < cols; c++) {
      int off = c * nl;
      for (int j = 0; j < nl; j++) {
        grad[b + j] += deltal[off + j];
      }
    }
  }

  /** BP4: ∂C/∂W^l summed over the batch, grad[W^l] += δ^l (A^{l−1})ᵀ = Σ_x δ_x a_xᵀ, one GEMM (float64). */
  public static void bp4(Topology t, int l, double[] deltal, double[] aPrev, int cols, double[] grad) {
    bp4(new Products.Float64(t), l, deltal, aPrev, cols, grad, false);
  }

  /**
   * BP4 with the pass's products (its precision); with {@code assign} the product is written over grad[W^l]
   * instead of added (its old values unread).
   */
  static void bp4(Products w, int l, double[] deltal, double[] aPrev, int cols, double[] grad, boolean assign) {
    w.outer(l, deltal, aPrev, cols, grad, assign);
  }

  /** BP4 at layer 1: ∂C/∂W¹ summed over the batch, grad[W¹] += δ¹ Xᵀ = Σ_x δ_x xᵀ, over X as held. */
  public static void bp4First(Topology t, Inputs x, double[] delta1, int cols, double[] grad) {
    x.addOuterInto(delta1, t.size(1), cols, grad, t.weightOffset(1));
  }
}
