package dev.nabla.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training-health warnings from an epoch's {@link LayerHealth}: a layer more than
 * {@value #SATURATION_LIMIT} saturated or dead, or gradient norms across layers that differ by more than a
 * factor {@value #SPREAD_LIMIT} (vanishing or exploding gradients). Each warning says what to try.
 */
public final class Diagnostics {
  /** A saturated or dead fraction above this is warned about. */
  public static final double SATURATION_LIMIT = 0.9;
  /** A ratio of the largest to the smallest per-layer gradient norm above this is warned about. */
  public static final double SPREAD_LIMIT = 1e3;

  private Diagnostics() {
  }

  /** The warnings for one epoch, one line each; empty when the layers look healthy. */
  public static List<String> warnings(List<LayerHealth> layers) {
    List<String> out = new ArrayList<>();
    for (LayerHealth h : layers) {
      if (h.fraction() > SATURATION_LIMIT) {
        String advice = h.measure().equals("dead")
            ? "try a lower --learning-rate, --init he-normal, or --activation leaky-relu"
            : "try --activation relu, --init glorot-uniform (or he-normal with relu), or a lower --learning-rate";
        out.add(String.format(Locale.ROOT, "layer %d: %.0f%% of %s units %s — %s", h.layer(), 100 * h.fraction(),
            h.activation(), h.measure(), advice));
      }
    }
    LayerHealth lo = null;
    LayerHealth hi = null;
    for (LayerHealth h : layers) {
      if (Double.isFinite(h.gradNorm())) {
        lo = lo == null || h.gradNorm() < lo.gradNorm() ? h : lo;
        hi = hi == null || h.gradNorm() > hi.gradNorm() ? h : hi;
      }
    }
    if (lo != null && hi.gradNorm() > SPREAD_LIMIT * lo.gradNorm()) {
      String kind = lo.layer() < hi.layer() ? "vanishing" : "exploding";
      out.add(String.format(Locale.ROOT, "gradient norms differ by more than %.0e across layers (layer %d: %.3g, "
          + "layer %d: %.3g): %s gradients — try --activation relu with --init he-normal, --init glorot-uniform for "
          + "sigmoid/tanh, a lower --learning-rate or --clip-norm", SPREAD_LIMIT, lo.layer(), lo.gradNorm(),
          hi.layer(), hi.gradNorm(), kind));
    }
    return out;
  }
}
