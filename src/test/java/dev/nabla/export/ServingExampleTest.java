package dev.nabla.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.Model;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Tanh;
import dev.nabla.testing.OnnxAgreement;
import dev.nabla.testing.OnnxScoring;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingExampleTest {
  @TempDir
  Path tmp;

  @Test
  void readmeExampleScoresAnExportedFileAsNablaDoes() throws Exception {
    Model m = OnnxExportTest.model(new int[] {3, 5, 4}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY,
        Task.CLASSIFICATION, 4, ScalingKind.STANDARD, 11);
    Path file = tmp.resolve("model.onnx");
    OnnxExport.write(m, file.toString(), false, new Configuration());
    double[][] rows = OnnxExportTest.rawRows(m, 50, 12);
    float[][] x = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = new float[] {(float) rows[i][0], (float) rows[i][1], (float) rows[i][2]};
    }
    ServingExample.Scored s = ServingExample.score(file.toString(), x);
    assertEquals("3,5,4", s.layers());
    OnnxAgreement a = OnnxAgreement.of(m, rows, new OnnxScoring.Scores(s.probability(), s.label()));
    assertEquals(rows.length, a.labelsEqual());
    assertTrue(a.maxDifference() <= 1e-5, "largest probability difference " + a.maxDifference());
  }
}
