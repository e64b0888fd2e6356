package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  private static final double EPS = 1e-15;

  /**
   * Three classes, 10 samples. Confusion (rows actual, columns predicted):
   * <pre>
   *   0: 3 1 0
   *   1: 1 2 1
   *   2: 0 0 2
   * </pre>
   */
  private static ClassificationMetrics threeClasses() {
    int[][] pairs = {{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 2}};
    ClassificationMetrics m = new ClassificationMetrics(3);
    for (int[] p : pairs) {
      m.add(p[0], p[1]);
    }
    return m.addLoss(4.0).addLoss(1.0);
  }

  @Test
  void countsAConfusionMatrixOfActualByPredicted() {
    assertArrayEquals(new long[][] {{3, 1, 0}, {1, 2, 1}, {0, 0, 2}}, threeClasses().confusion());
    assertEquals(10, threeClasses().count());
  }

  @Test
  void accuracyAndMeanLossAreFractionsOfTheCount() {
    ClassificationMetrics m = threeClasses();
    assertEquals(0.7, m.accuracy(), EPS);
    assertEquals(0.5, m.meanLoss(), EPS);
    assertEquals(5.0, m.lossSum(), 0.0);
  }

  @Test
  void precisionRecallAndF1PerClassMatchTheHandComputedValues() {
    ClassificationMetrics m = threeClasses();
    // class 0: TP 3, predicted 4, actual 4; class 1: TP 2, predicted 3, actual 4; class 2: TP 2, predicted 3, actual 2
    assertEquals(0.75, m.precision(0), EPS);
    assertEquals(0.75, m.recall(0), EPS);
    assertEquals(0.75, m.f1(0), EPS);
    assertEquals(2.0 / 3, m.precision(1), EPS);
    assertEquals(0.5, m.recall(1), EPS);
    assertEquals(4.0 / 7, m.f1(1), EPS); // 2 · (2/3 · 1/2) / (2/3 + 1/2)
    assertEquals(2.0 / 3, m.precision(2), EPS);
    assertEquals(1.0, m.recall(2), EPS);
    assertEquals(0.8, m.f1(2), EPS);
    assertEquals((0.75 + 4.0 / 7 + 0.8) / 3, m.macroF1(), EPS);
  }

  @Test
  void mergingPartsEqualsCountingTheWhole() {
    ClassificationMetrics a = new ClassificationMetrics(3).add(0, 0).add(0, 0).add(0, 0).add(0, 1).addLoss(1.5);
    ClassificationMetrics b = new ClassificationMetrics(3).add(1, 0).add(1, 1).add(1, 1).add(1, 2).add(2, 2)
        .add(2, 2).addLoss(3.5);
    ClassificationMetrics merged = a.merge(b);
    ClassificationMetrics whole = threeClasses();
    assertArrayEquals(whole.confusion(), merged.confusion());
    assertEquals(whole.count(), merged.count());
    assertEquals(whole.meanLoss(), merged.meanLoss(), EPS);
    assertEquals(whole.toMap(), merged.toMap());
  }

  @Test
  void emptyDenominatorsGiveZeroAndAbsentClassesDoNotCountInMacroF1() {
    // class 2 never occurs; class 1 is never predicted: precision(1) = 0 (0/0), recall(1) = 0, f1(1) = 0
    ClassificationMetrics m = new ClassificationMetrics(3).add(0, 0).add(1, 0);
    assertEquals(0.0, m.precision(1), 0.0);
    assertEquals(0.0, m.recall(1), 0.0);
    assertEquals(0.0, m.f1(1), 0.0);
    assertEquals(0.0, m.precision(2), 0.0);
    assertEquals(2.0 / 3, m.f1(0), EPS); // P = 1/2, R = 1
    assertEquals((2.0 / 3 + 0) / 2, m.macroF1(), EPS);
  }

  @Test
  void emptyMetricsAreNaNNotZero() {
    ClassificationMetrics m = new ClassificationMetrics(2);
    assertTrue(Double.isNaN(m.accuracy()));
    assertTrue(Double.isNaN(m.meanLoss()));
    assertTrue(Double.isNaN(m.macroF1()));
  }

  @Test
  void rejectsAClassOutOfRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ClassificationMetrics(3).add(3, 0));
    assertEquals("ClassificationMetrics: actual 3, predicted 0; classes must be in 0..2", e.getMessage());
  }

  @Test
  void rejectsMergingDifferentClassCounts() {
    assertThrows(IllegalArgumentException.class, () -> new ClassificationMetrics(2).merge(new ClassificationMetrics(3)));
  }

  @Test
  void mapAndTableCarryTheNumbers() {
    ClassificationMetrics m = threeClasses();
    Map<String, Object> map = m.toMap();
    assertEquals(10L, map.get("count"));
    assertEquals(0.7, (Double) map.get("accuracy"), EPS);
    assertEquals(List.of(List.of(3L, 1L, 0L), List.of(1L, 2L, 1L), List.of(0L, 0L, 2L)), map.get("confusion"));
    assertEquals(List.of("accuracy", "meanLoss", "macroF1"), List.copyOf(m.summary().keySet()));
    String table = m.toTable();
    assertTrue(table.contains("accuracy 0.7000"), table);
    assertTrue(table.contains("      1     0.6667     0.5000     0.5714          4"), table);
    assertTrue(table.contains("      2     0     0     2"), table);
  }
}
