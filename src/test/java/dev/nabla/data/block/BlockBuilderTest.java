package dev.nabla.data.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockBuilderTest {

  private static double[] row(Block b, int r, int n) {
    double[] out = new double[n];
    b.denseRow(r, out, 0, n, null);
    return out;
  }

  @Test
  void storesEachRunInTheNarrowestEncodingThatGivesItBackExactly() {
    assertEquals(Values.Encoding.U8, Values.exact(new double[] {0, 1, 255, 7}, 4, 1.0).encoding());
    assertEquals(Values.Encoding.F32, Values.exact(new double[] {0, 256, 0.5}, 3, 1.0).encoding());
    assertEquals(Values.Encoding.F64, Values.exact(new double[] {0.1}, 1, 1.0).encoding());
    assertEquals(Values.Encoding.F32, Values.exact(new double[] {-1}, 1, 1.0).encoding(), "negative is not a byte");
    assertEquals(Values.Encoding.F32, Values.exact(new double[] {-0.0}, 1, 1.0).encoding(), "-0.0 keeps its sign");
    double[] pixels = {0 / 255.0, 1 / 255.0, 128 / 255.0, 255 / 255.0};
    Values v = Values.exact(pixels, 4, 255.0);
    assertEquals(Values.Encoding.U8, v.encoding(), "IDX pixels k/255 are bytes");
    for (int i = 0; i < 4; i++) {
      assertEquals(Double.doubleToRawLongBits(pixels[i]), Double.doubleToRawLongBits(v.get(i)));
    }
    assertEquals(Values.Encoding.F32, Values.exact(new double[] {0.5}, 1, 255.0).encoding(), "0.5 is not k/255");
  }

  @Test
  void givesEveryDenseValueBackBitForBitWhateverItsEncoding() {
    SplittableRandom r = new SplittableRandom(1);
    for (double[] values : new double[][] {{1, 2, 3, 200, 0, 9}, {1.5f, 0.25f, -3f, 1e10f, 0, 2}, {0.1, Math.PI,
        -1e-300, r.nextDouble(), 7, 8}}) {
      BlockBuilder b = new BlockBuilder(0, 1.0, false, 1 << 20);
      b.addDense(new double[] {values[0], values[1], values[2]}, 3);
      b.label(1);
      b.addDense(new double[] {values[3], values[4], values[5]}, 3);
      b.label(0);
      Block block = b.build();
      assertEquals(2, block.rows());
      assertArrayEquals(new double[] {values[0], values[1], values[2]}, row(block, 0, 3));
      assertArrayEquals(new double[] {values[3], values[4], values[5]}, row(block, 1, 3));
      assertEquals(1, block.label(0));
      assertEquals(0, block.label(1));
    }
  }

  @Test
  void roundsToFloat32OnlyWhenAskedAndNeverBelowBytes() {
    BlockBuilder f32 = new BlockBuilder(0, 1.0, true, 100);
    f32.addDense(new double[] {0.1, 2}, 2);
    f32.label(0);
    Block b = f32.build();
    assertEquals(Values.Encoding.F32, b.encoding());
    assertEquals((double) (float) 0.1, row(b, 0, 2)[0]);
    BlockBuilder bytes = new BlockBuilder(0, 1.0, true, 100);
    bytes.addDense(new double[] {3, 2}, 2);
    bytes.label(0);
    assertEquals(Values.Encoding.U8, bytes.build().encoding());
  }

  @Test
  void sealsABlockOnceItHoldsMaxValuesAndStartsAFreshOne() {
    BlockBuilder b = new BlockBuilder(0, 1.0, false, 10);
    int sealed = 0;
    int rows = 0;
    for (int i = 0; i < 10; i++) {
      b.addDense(new double[] {i, i, i, i}, 4);
      b.label(i % 2);
      if (b.full()) {
        Block block = b.build();
        sealed++;
        rows += block.rows();
        assertEquals(3, block.rows(), "12 ≥ 10 values after 3 rows");
      }
    }
    Block last = b.build();
    assertEquals(10, rows + last.rows());
    assertEquals(3, sealed);
    assertNull(b.build(), "nothing left");
  }

  @Test
  void keepsSparseRowsAsCsrAndDenseLookingOnesDense() {
    BlockBuilder sparse = new BlockBuilder(0, 1.0, false, 1000);
    sparse.addSparse(new int[] {3, 90}, new double[] {1.5, 2}, 2);
    sparse.label(2);
    sparse.addSparse(new int[] {}, new double[] {}, 0);
    sparse.label(0);
    sparse.addSparse(new int[] {0, 5}, new double[] {0.0, -1}, 2);
    sparse.label(1);
    Block b = sparse.build();
    assertTrue(b.isSparse());
    assertEquals(91, b.width());
    assertEquals(2, b.nonZeros(0));
    assertEquals(0, b.nonZeros(1));
    assertEquals(1, b.nonZeros(2), "explicit zeros are dropped");
    double[] r0 = row(b, 0, 100);
    assertEquals(1.5, r0[3]);
    assertEquals(2, r0[90]);
    assertEquals(0, r0[99], "zeros up to the data set's width");
    assertEquals(-1, row(b, 2, 100)[5]);

    BlockBuilder full = new BlockBuilder(0, 1.0, false, 1000);
    for (int r = 0; r < 4; r++) {
      full.addSparse(new int[] {0, 1, 2}, new double[] {r + 1, 2, 3}, 3);
      full.label(0);
    }
    Block d = full.build();
    assertFalse(d.isSparse(), "CSR of full rows takes more bytes than dense");
    assertArrayEquals(new double[] {4, 2, 3}, row(d, 3, 3));
  }

  @Test
  void storesRegressionTargetsExactly() {
    BlockBuilder b = new BlockBuilder(2, 1.0, false, 100);
    b.addDense(new double[] {1}, 1);
    b.targets(new double[] {0.1, -7});
    Block block = b.build();
    assertFalse(block.hasLabels());
    double[] t = new double[2];
    block.targets(0, t, 0);
    assertArrayEquals(new double[] {0.1, -7}, t);
  }

  @Test
  void scalesRowsAsTheyAreGathered() {
    BlockBuilder b = new BlockBuilder(0, 1.0, false, 100);
    b.addDense(new double[] {2, 4}, 2);
    b.label(0);
    double[] out = new double[2];
    b.build().denseRow(0, out, 0, 2, new dev.nabla.model.Scaling(dev.nabla.model.ScalingKind.STANDARD,
        new double[] {1, 2}, new double[] {0.5, 0.25}));
    assertArrayEquals(new double[] {0.5, 0.5}, out);
  }

  @Test
  void refusesToMixDenseAndSparseRowsOrWidths() {
    BlockBuilder b = new BlockBuilder(0, 1.0, false, 100);
    b.addDense(new double[] {1, 2}, 2);
    b.label(0);
    assertThrows(IllegalArgumentException.class, () -> b.addDense(new double[] {1}, 1));
    assertThrows(IllegalStateException.class, () -> b.addSparse(new int[] {0}, new double[] {1}, 1));
  }
}
