package dev.nabla.report;

/**
 * What one training step measured.
 *
 * @param epoch 1-based
 * @param step 1-based within the epoch
 * @param globalStep 1-based over the whole run, (epoch − 1) · steps per epoch + step
 * @param loss the MEAN loss over the step's batch
 * @param samples the batch's sample count m
 * @param learningRate η applied in the step
 * @param gradNorms ‖mean gradient of W^l‖ for l = 1..L (entry l − 1), before regularization and clipping
 */
public record StepMetrics(int epoch, int step, long globalStep, double loss, long samples, double learningRate,
    double[] gradNorms) {

  public StepMetrics {
    if (epoch < 1 || step < 1 || globalStep < step) {
      throw new IllegalArgumentException("StepMetrics: epoch " + epoch + ", step " + step + ", global step "
          + globalStep + "; all are 1-based and the global step is at least the step");
    }
    gradNorms = gradNorms.clone();
  }

  @Override public double[] gradNorms() {
    return gradNorms.clone();
  }

  /** The JSON-lines object of the metrics file: type step, epoch, step, global_step, loss, learning_rate, grad_norm. */
  public java.util.Map<String, Object> toJson() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("type", "step");
    m.put("epoch", epoch);
    m.put("step", step);
    m.put("global_step", globalStep);
    m.put("loss", loss);
    m.put("learning_rate", learningRate);
    java.util.Map<String, Object> norms = new java.util.LinkedHashMap<>();
    for (int l = 1; l <= gradNorms.length; l++) {
      norms.put("layer" + l, gradNorms[l - 1]);
    }
    m.put("grad_norm", norms);
    return m;
  }
}
