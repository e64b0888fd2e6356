package dev.nabla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which layer health gets a warning, and what the warning says. */
class DiagnosticsTest {

  @Test
  void healthyLayersGetNoWarning() {
    List<LayerHealth> ok = List.of(new LayerHealth(1, "tanh", 0.02, "saturated", 0.3),
        new LayerHealth(2, "softmax", 0.5, "none", Double.NaN));
    assertEquals(List.of(), Diagnostics.warnings(ok));
  }

  @Test
  void warnsAboutAMostlySaturatedSigmoidLayerWithAdvice() {
    List<String> w = Diagnostics.warnings(List.of(new LayerHealth(1, "sigmoid", 0.01, "saturated", 0.96),
        new LayerHealth(2, "softmax", 0.02, "none", Double.NaN)));
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("layer 1: 96% of sigmoid units saturated"), w.get(0));
    assertTrue(w.get(0).contains("--activation relu") && w.get(0).contains("--learning-rate"), w.get(0));
  }

  @Test
  void warnsAboutDeadReluLayerButNotAtExactlyNinetyPercent() {
    assertEquals(1, Diagnostics.warnings(List.of(new LayerHealth(1, "relu", 1, "dead", 0.95))).size());
    assertTrue(Diagnostics.warnings(List.of(new LayerHealth(1, "relu", 1, "dead", 0.9))).isEmpty());
    assertTrue(Diagnostics.warnings(List.of(new LayerHealth(1, "relu", 1, "dead", 0.95))).get(0).contains("dead"));
  }

  @Test
  void warnsAboutVanishingGradientsWhenNormsDifferByMoreThanAThousand() {
    List<String> w = Diagnostics.warnings(List.of(new LayerHealth(1, "sigmoid", 1e-6, "saturated", 0.1),
        new LayerHealth(2, "sigmoid", 1e-4, "saturated", 0.1), new LayerHealth(3, "softmax", 2e-3, "none",
            Double.NaN)));
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("vanishing") && w.get(0).contains("layer 1") && w.get(0).contains("layer 3"),
        w.get(0));
    assertTrue(Diagnostics.warnings(List.of(new LayerHealth(1, "tanh", 1e-3, "saturated", 0.1),
        new LayerHealth(2, "softmax", 0.9, "none", Double.NaN))).isEmpty(), "a ratio of 900 is not warned about");
    assertTrue(Diagnostics.warnings(List.of(new LayerHealth(1, "tanh", 5, "saturated", 0.1),
        new LayerHealth(2, "softmax", 1e-3, "none", Double.NaN))).get(0).contains("exploding"));
  }

  @Test
  void rejectsAFractionOutsideZeroToOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LayerHealth(1, "relu", 1, "dead", 1.5));
    assertTrue(e.getMessage().contains("fraction is 1.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LayerHealth(0, "relu", 1, "dead", 0.5));
    assertThrows(IllegalArgumentException.class, () -> new LayerHealth(1, "relu", 1, "sleepy", 0.5));
  }
}
