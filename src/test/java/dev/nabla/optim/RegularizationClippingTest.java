package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Identity;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Topology;
import org.junit.jupiter.api.Test;

/**
 * L1/L2 regularization and clipping, by hand. The 2-1 identity network has θ = (W₁₁, W₁₂, b₁) =
 * (0.5, −2, 3): two weights and a bias.
 */
class RegularizationClippingTest {
  static final Topology T = Topology.of(new int[] {2, 1}, new Identity(), new Identity(), Loss.QUADRATIC);
  static final double[] THETA = {0.5, -2.0, 3.0};

  @Test
  void addsL2AndL1GradientToWeightsOnlyByDefault() {
    double[] g = {0.1, 0.2, 0.3};
    Regularization.of(T, 0.01, 0.1).addGradient(THETA, g);
    // g_i + λ2 θ_i + λ1 sign(θ_i): 0.1 + 0.05 + 0.01, 0.2 − 0.2 − 0.01; the bias untouched
    assertArrayEquals(new double[] {0.1 + (0.1 * 0.5 + 0.01), 0.2 + (0.1 * -2.0 - 0.01), 0.3}, g);
    assertEquals(0.3, g[2], 0.0);
  }

  @Test
  void includesBiasesWhenAsked() {
    double[] g = {0.0, 0.0, 0.0};
    Regularization.of(T, 0.0, 0.1, true).addGradient(THETA, g);
    assertArrayEquals(new double[] {0.05, -0.2, 0.1 * 3.0}, g, 1e-17);
  }

  @Test
  void signOfZeroIsZero() {
    double[] g = {1.0, 1.0, 1.0};
    Regularization.of(T, 0.5, 0.0, true).addGradient(new double[] {0.0, 0.0, 0.0}, g);
    assertArrayEquals(new double[] {1.0, 1.0, 1.0}, g);
  }

  @Test
  void penaltyIsHalfL2SquaresPlusL1AbsolutesOverTheMask() {
    // weights only: λ2/2 (0.25 + 4) + λ1 (0.5 + 2) = 0.05 · 4.25 + 0.01 · 2.5
    assertEquals(0.05 * 4.25 + 0.01 * 2.5, Regularization.of(T, 0.01, 0.1, false).penalty(THETA), 1e-17);
    assertEquals(0.05 * (4.25 + 9) + 0.01 * 5.5, Regularization.of(T, 0.01, 0.1, true).penalty(THETA), 1e-16);
    assertEquals(0.0, Regularization.of(T, 0, 0, true).penalty(THETA));
    assertTrue(Regularization.of(T, 0, 0, false).isNone());
  }

  @Test
  void regularizationRejectsNegativeLambdaAndWrongSize() {
    assertEquals("l2 must be a finite number >= 0, got -0.1",
        assertThrows(IllegalArgumentException.class, () -> Regularization.of(T, 0, -0.1, false)).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Regularization.of(T, 0, 0.1, false).addGradient(new double[4], new double[4]));
  }

  @Test
  void normClippingScalesToTheThresholdAndPreservesDirection() {
    double[] g = {3.0, -4.0, 0.0}; // ‖g‖ = 5
    ClipResult r = Clipping.byNorm(2.5).apply(g);
    assertEquals(5.0, r.normBefore());
    assertArrayEquals(new double[] {1.5, -2.0, 0.0}, g, 1e-16); // g · 2.5/5
    assertEquals(2.5, r.normAfter(), 1e-15);
    assertTrue(r.clipped());
    double[] direction = {3.0 / 5, -4.0 / 5, 0.0};
    for (int i = 0; i < 3; i++) {
      assertEquals(direction[i], g[i] / r.normAfter(), 1e-15);
    }
  }

  @Test
  void normClippingLeavesSmallGradientsAlone() {
    double[] g = {0.3, -0.4};
    ClipResult r = Clipping.byNorm(1.0).apply(g);
    assertArrayEquals(new double[] {0.3, -0.4}, g);
    assertEquals(0.5, r.normBefore(), 1e-16);
    assertFalse(r.clipped());
  }

  @Test
  void normOfHugeGradientIsFiniteAndClippingStillWorks() {
    double[] g = {3e200, 4e200};
    ClipResult r = Clipping.byNorm(1.0).apply(g);
    assertEquals(5e200, r.normBefore(), 1e186);
    assertArrayEquals(new double[] {0.6, 0.8}, g, 1e-15);
  }

  @Test
  void valueClippingClampsEachEntry() {
    double[] g = {0.5, -3.0, 2.0, -0.1};
    ClipResult r = Clipping.byValue(1.0).apply(g);
    assertArrayEquals(new double[] {0.5, -1.0, 1.0, -0.1}, g);
    assertEquals(2, r.entriesClamped());
    assertEquals(Math.sqrt(0.25 + 9 + 4 + 0.01), r.normBefore(), 1e-15);
    assertEquals(Math.sqrt(0.25 + 1 + 1 + 0.01), r.normAfter(), 1e-15);
  }

  @Test
  void noClippingStillMeasuresTheNorm() {
    double[] g = {3.0, 4.0};
    ClipResult r = Clipping.none().apply(g);
    assertArrayEquals(new double[] {3.0, 4.0}, g);
    assertEquals(5.0, r.normBefore());
    assertFalse(r.clipped());
  }

  @Test
  void clippingFromFlagsAllowsAtMostOneMode() {
    assertEquals(Clipping.byNorm(1.0), Clipping.of(1.0, null));
    assertEquals(Clipping.byValue(0.5), Clipping.of(null, 0.5));
    assertEquals(Clipping.none(), Clipping.of(null, null));
    assertEquals("clip-norm 1.0 and clip-value 0.5 cannot both be set; choose one",
        assertThrows(IllegalArgumentException.class, () -> Clipping.of(1.0, 0.5)).getMessage());
    assertEquals("clip-norm must be a positive finite number, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> Clipping.byNorm(0)).getMessage());
  }
}
