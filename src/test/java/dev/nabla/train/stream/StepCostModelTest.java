package dev.nabla.train.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepCostModelTest {
  private static final StepCostModel BANDWIDTH_ONLY = new StepCostModel(0, 1e9, 0);

  @Test
  void theStarMovesTwoVectorsPerTaskThroughTheDriver() {
    assertEquals(2 * 8 * 8e6 / 1e9, BANDWIDTH_ONLY.star(1_000_000, 8, 8), 1e-12);
  }

  @Test
  void aOneLevelTreeMovesWhatTheStarMoves() {
    // k = T − 1: the root sends θ to T − 1 children and receives as many SUMS, plus its own hop to the driver
    assertEquals(BANDWIDTH_ONLY.star(1_000_000, 8, 8), BANDWIDTH_ONLY.tree(1_000_000, 8, 7, 8), 1e-12);
  }

  @Test
  void theBinaryTreeOfSevenHasTwoLevelsOfTwoChildren() {
    // depth 2, critical path through the root's second child's second child: θ down 1 + 2 + 2 vectors, SUMS up
    // 2 + 2 + 1; 6 messages; 4 additions per value
    StepCostModel m = new StepCostModel(1e-5, 1e9, 1e-9);
    double s = 8e6;
    assertEquals(6 * 1e-5 + 10 * s / 1e9 + 4 * 1e6 * 1e-9, m.tree(1_000_000, 7, 2, 8), 1e-12);
  }

  @Test
  void aChainOfTwoIsFourHops() {
    StepCostModel m = new StepCostModel(1e-5, 1e9, 1e-9);
    assertEquals(4 * 1e-5 + 4 * 8e6 / 1e9 + 1e6 * 1e-9, m.tree(1_000_000, 2, 2, 8), 1e-12);
  }

  @Test
  void theRingStaysUnderTwoVectorsPerWorkerWhileItsLatencyGrowsWithT() {
    for (int t : List.of(2, 8, 64, 256)) {
      assertTrue(BANDWIDTH_ONLY.ring(1_000_000, t, 8) < 2 * 8e6 / 1e9);
    }
    StepCostModel latencyOnly = new StepCostModel(1e-5, Double.POSITIVE_INFINITY, 0);
    assertEquals(2 * 255 * 1e-5, latencyOnly.ring(1, 256, 8), 1e-15);
  }

  @Test
  void fitRecoversALine() {
    double[] f = LinkCalibration.fit(List.of(new double[] {0, 3}, new double[] {10, 23}, new double[] {20, 43}));
    assertEquals(3, f[0], 1e-12);
    assertEquals(2, f[1], 1e-12);
  }
}
