package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Building sparse inputs (validation, empty columns, reuse) and its two kernels against the dense ones. */
class SparseInputsTest {
  private final Topology t = Topology.of(new int[] {30, 5, 3}, new Tanh(), new Softmax(), Loss.CROSS_ENTROPY);

  @Test
  void rejectsAFeatureIndexOutsideTheInputs() {
    SparseInputs x = new SparseInputs(30);
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> x.add(30, 1.0));
    assertTrue(high.getMessage().contains("feature index 30 of column 0 is outside [0, 30)"), high.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> x.addColumn(new int[] {2, -1}, new double[] {1, 1}, 0, 2));
    assertTrue(negative.getMessage().contains("feature index -1"), negative.getMessage());
  }

  @Test
  void rejectsADecreasingOrRepeatedIndexWithinAColumn() {
    SparseInputs x = new SparseInputs(30);
    x.add(5, 1.0);
    IllegalArgumentException decreasing = assertThrows(IllegalArgumentException.class, () -> x.add(3, 1.0));
    assertTrue(decreasing.getMessage().contains("increase strictly within a column; column 0 has 3 after 5"),
        decreasing.getMessage());
    x.endColumn();
    x.add(3, 1.0); // a new column starts afresh
    x.endColumn();
    IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
        () -> x.addColumn(new int[] {2, 7, 7}, new double[] {1, 2, 3}, 0, 3));
    assertTrue(repeated.getMessage().contains("column 2 has 7 after 7"), repeated.getMessage());
    assertEquals(2, x.columns(), "a rejected column adds nothing");
    assertEquals(2, x.nonZeros());
  }

  @Test
  void emptyColumnGivesTheBiasAndNoWeightGradient() {
    double[] params = Init.NORMAL_SCALED.initialize(t, 3); // non-zero biases
    SparseInputs x = new SparseInputs(30);
    x.addColumn(new int[] {4, 17}, new double[] {0.5, -2.0}, 0, 2);
    x.endColumn(); // column 1: no non-zeros
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(2);
    net.forward(params, x, 2, ws);
    double[] z1 = ws.weightedInputs(1);
    for (int j = 0; j < 5; j++) {
      assertEquals(params[t.biasOffset(1) + j], z1[5 + j], 0.0, "z¹ of the empty column, unit " + j);
    }

    SparseInputs empty = new SparseInputs(30);
    empty.endColumn();
    GradientSum g = new GradientSum(t.numParams());
    net.addGradient(params, empty, new double[] {0, 0, 1}, 1, ws, g);
    for (int i = t.weightOffset(1); i < t.biasOffset(1); i++) {
      assertEquals(0.0, g.gradient[i], "∂C/∂W¹ entry " + i);
    }
    assertTrue(g.gradient[t.biasOffset(1)] != 0, "the bias still gets its gradient");
  }

  @Test
  void clearedInputsGrowAndAreReusedForTheNextBatch() {
    Topology wide = Topology.of(new int[] {600, 4, 3}, new Sigmoid(), new Softmax(), Loss.CROSS_ENTROPY);
    double[] params = Init.GLOROT_UNIFORM.initialize(wide, 5);
    SparseBatch first = SparseBatch.random(wide, 40, 0, 8, 6);
    SparseBatch big = SparseBatch.random(wide, 30, 50, 300, 7); // beyond the initial capacity
    SparseInputs reused = first.sparse();
    reused.clear();
    addColumnsOf(big.dense(), wide.inputSize(), big.cols(), reused);
    assertEquals(big.cols(), reused.columns());
    assertEquals(big.sparse().nonZeros(), reused.nonZeros());

    Network net = new Network(wide);
    GradientSum fresh = net.gradientSum(params, big.dense(), big.y(), big.cols());
    GradientSum again = new GradientSum(wide.numParams());
    net.addGradient(params, reused, big.y(), big.cols(), net.newWorkspace(1), again);
    assertEquals(fresh.lossSum, again.lossSum, 1e-12 * Math.abs(fresh.lossSum));
    for (int i = 0; i < wide.numParams(); i++) {
      assertEquals(fresh.gradient[i], again.gradient[i], 1e-12 * Math.max(1, Math.abs(fresh.gradient[i])), "param " + i);
    }
  }

  /** Adds the non-zeros of a dense column-major matrix to {@code target} one at a time (add … endColumn). */
  private static void addColumnsOf(double[] dense, int rows, int cols, SparseInputs target) {
    for (int c = 0; c < cols; c++) {
      for (int j = 0; j < rows; j++) {
        if (dense[c * rows + j] != 0) {
          target.add(j, dense[c * rows + j]);
        }
      }
      target.endColumn();
    }
  }

  @Test
  void kernelsEqualTheDenseOnesOnABlockAtAnOffset() {
    int n0 = 25;
    int n1 = 6;
    int cols = 5;
    int off = 13;
    SplittableRandom rng = new SplittableRandom(8);
    double[] params = rng.doubles(off + n1 * n0 + 4).toArray();
    Topology shape = Topology.of(new int[] {n0, 2}, new Sigmoid(), new Sigmoid(), Loss.QUADRATIC);
    SparseBatch b = SparseBatch.random(shape, cols, 0, 7, 9);
    DenseInputs dense = new DenseInputs(b.dense(), n0);
    double[] delta = rng.doubles(n1 * cols).toArray();

    double[] zDense = rng.doubles(n1 * cols).toArray();
    double[] zSparse = zDense.clone();
    dense.multiplyInto(params, off, n1, cols, zDense);
    b.sparse().multiplyInto(params, off, n1, cols, zSparse);
    assertArrayEquals(zDense, zSparse, 1e-12);

    double[] gDense = params.clone();
    double[] gSparse = params.clone();
    dense.addOuterInto(delta, n1, cols, gDense, off);
    b.sparse().addOuterInto(delta, n1, cols, gSparse, off);
    assertArrayEquals(gDense, gSparse, 1e-12);
    for (int i = 0; i < off; i++) {
      assertEquals(params[i], gSparse[i], 0.0, "entry " + i + " before the block is untouched");
    }
    for (int c = 0; c < cols; c++) {
      assertEquals(dense.squaredNorm(c), b.sparse().squaredNorm(c), 0.0, "‖x‖² of column " + c);
    }
  }

  @Test
  void rejectsInputsOfTheWrongWidthOrTooFewColumns() {
    Network net = new Network(t);
    double[] params = new double[t.numParams()];
    SparseInputs narrow = new SparseInputs(29);
    narrow.endColumn();
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> net.forward(params, narrow, 1, net.newWorkspace(1)));
    assertTrue(width.getMessage().contains("inputs have 29 rows"), width.getMessage());
    SparseInputs one = new SparseInputs(30);
    one.endColumn();
    IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
        () -> net.forward(params, one, 2, net.newWorkspace(2)));
    assertTrue(columns.getMessage().contains("a batch of 2 columns"), columns.getMessage());
    IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
        () -> one.multiplyInto(new double[10], 0, 5, 1, new double[5]));
    assertTrue(block.getMessage().contains("W: 5×30 at offset 0 needs 150 entries, array has 10"), block.getMessage());
  }
}
