package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.OnnxScoring;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Checks of an exported ONNX model, run in ONNX Runtime, against a Spark ML model's own scores. */
final class OnnxChecks {
  private OnnxChecks() {
  }

  /**
   * ONNX Runtime's label for each row of {@code scored} (features, prediction, probability columns) equals
   * its prediction, and its probabilities are within 1e-5; the rows reach more than one class.
   */
  static void assertSameClassification(Dataset<Row> scored, byte[] model) throws Exception {
    List<Row> rows = scored.select("features", "prediction", "probability").collectAsList();
    try (OnnxScoring onnx = new OnnxScoring(model)) {
      OnnxScoring.Scores s = onnx.score(features(rows));
      double max = 0;
      int classes = 0;
      for (int i = 0; i < rows.size(); i++) {
        assertEquals((long) rows.get(i).getDouble(1), s.labels()[i], "label of row " + i);
        double[] p = ((Vector) rows.get(i).get(2)).toArray();
        assertEquals(p.length, s.values()[i].length, "probabilities of row " + i);
        for (int j = 0; j < p.length; j++) {
          max = Math.max(max, Math.abs(s.values()[i][j] - p[j]));
        }
        classes |= 1 << s.labels()[i];
      }
      assertTrue(max <= 1e-5, "largest probability difference " + max);
      assertTrue(Integer.bitCount(classes) > 1, "the rows should reach more than one class");
    }
  }

  /** The first column (an ml.linalg Vector) of each row. */
  static double[][] features(List<Row> rows) {
    return rows.stream().map(r -> ((Vector) r.get(0)).toArray()).toArray(double[][]::new);
  }
}
