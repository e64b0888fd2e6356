package dev.nabla.testing;

import ai.onnxruntime.OrtException;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.util.Arrays;

/**
 * How closely an exported ONNX model, run by ONNX Runtime, reproduces Nabla's own predictions: for
 * classification the labels equal to {@link Model#predictClass} and the largest |difference| of the class
 * probabilities (a one-unit model's (1 − a, a)); for regression the largest |difference| of the n_L outputs.
 *
 * @param rows samples compared
 * @param labelsEqual samples whose ONNX label equals Nabla's (classification; {@code rows} for regression)
 * @param maxDifference the largest |ONNX − Nabla| over all outputs of all samples
 */
public record OnnxAgreement(int rows, int labelsEqual, double maxDifference) {

  /** Nabla's outputs for {@code rows} (raw features) against ONNX Runtime's from {@code onnx}. */
  public static OnnxAgreement of(Model m, double[][] rows, OnnxScoring onnx) throws OrtException {
    OnnxScoring.Scores s = onnx.score(rows);
    return of(m, rows, s);
  }

  /** Nabla's outputs for {@code rows} against scores ONNX Runtime already computed for them. */
  public static OnnxAgreement of(Model m, double[][] rows, OnnxScoring.Scores s) {
    int nL = m.topology().outputSize();
    double[] x = columnMajor(rows);
    double[] out = m.predictRaw(x, rows.length);
    int[] classes = m.task() == Task.CLASSIFICATION ? m.predictClass(x, rows.length) : null;
    int equal = 0;
    double max = 0;
    for (int i = 0; i < rows.length; i++) {
      double[] nabla = nL == 1 && classes != null ? new double[] {1 - out[i], out[i]}
          : Arrays.copyOfRange(out, i * nL, (i + 1) * nL);
      if (s.values()[i].length != nabla.length) {
        throw new AssertionError("row " + i + ": ONNX gives " + s.values()[i].length + " outputs, Nabla " + nabla.length);
      }
      for (int j = 0; j < nabla.length; j++) {
        max = Math.max(max, Math.abs(s.values()[i][j] - nabla[j]));
      }
      if (classes == null || s.labels()[i] == classes[i]) {
        equal++;
      }
    }
    return new OnnxAgreement(rows.length, equal, max);
  }

  /** {@code rows} as one column-major batch (a column per row), as {@link Model#predictRaw} takes it. */
  public static double[] columnMajor(double[][] rows) {
    int n0 = rows[0].length;
    double[] x = new double[rows.length * n0];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, x, i * n0, n0);
    }
    return x;
  }
}
