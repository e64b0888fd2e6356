package dev.nabla.optim;

/**
 * What {@link Clipping#apply} did, for the log.
 *
 * @param normBefore ‖g‖₂ before clipping (the gradient norm of the step, also when nothing was clipped)
 * @param normAfter ‖g‖₂ after clipping
 * @param entriesClamped how many entries value clipping clamped (0 for norm clipping and none)
 */
public record ClipResult(double normBefore, double normAfter, int entriesClamped) {

  /** Whether the gradient was changed. */
  public boolean clipped() {
    return entriesClamped > 0 || Double.compare(normBefore, normAfter) != 0;
  }
}
