package dev.nabla.train;

import dev.nabla.model.FeatureStats;
import dev.nabla.nn.Topology;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Standardized regression targets ({@link TargetScalingKind#STANDARD}): the network trains on
 * y'_j = (y_j − μ_j) / σ, with μ_j the mean of target j over the training rows and ONE σ for all targets,
 * σ = √(mean over targets of their population variances) (1 when that is 0). Applied where a step's targets are
 * gathered ({@link StepRows}), beside the feature scaling.
 *
 * <p>One σ keeps the quadratic loss exactly convertible: ½‖σa' + μ − y‖² = σ² · ½‖a' − y'‖², so a loss in data
 * units is {@link #lossFactor()} times the loss trained on. And an identity output layer can fold the map back:
 * σ(W^L a + b^L) + μ is the same network with W^L ← σW^L and b^L ← σb^L + μ ({@link #fold}), which is what is
 * evaluated, kept by early stopping and saved, so a model predicts in data units and knows nothing of this.
 *
 * @param mean μ_j per target, finite
 * @param scale σ, finite and positive
 */
public record TargetScaling(double[] mean, double scale) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  public TargetScaling {
    mean = mean.clone();
    if (mean.length == 0) {
      throw new IllegalArgumentException("target scaling: needs the mean of at least one target");
    }
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) {
        throw new IllegalArgumentException("target scaling: the mean of target " + j + " is " + mean[j]
            + "; it must be finite");
      }
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("target scaling: σ is " + scale + "; it must be a finite positive number");
    }
  }

  /** μ and σ of the targets these statistics summarize (σ = 1 where the targets do not vary). */
  public static TargetScaling of(FeatureStats targets) {
    double[] variance = targets.variance();
    double sum = 0;
    for (double v : variance) {
      sum += v;
    }
    double sigma = Math.sqrt(sum / variance.length);
    // 0, or so small (subnormal) that 1 / σ overflows: the targets are constant for the model
    return new TargetScaling(targets.mean(), sigma > 0 && Double.isFinite(1 / sigma) ? sigma : 1.0);
  }

  /**
   * What the settings ask for on this training set: μ and σ fitted on its rows (one Spark job), or null for
   * {@link TargetScalingKind#NONE}.
   *
   * @throws IllegalArgumentException for STANDARD on class labels
   */
  public static TargetScaling forRun(TrainingSet train, TrainSettings s) {
    if (s.targetScaling() == TargetScalingKind.NONE) {
      return null;
    }
    if (train.numClasses() > 0) {
      throw new IllegalArgumentException("scale-target standard is for regression targets, and the training data has "
          + "class labels; use scale-target none");
    }
    return fit(train);
  }

  /** μ and σ over every training row's targets as stored: one Spark job, summaries merged in partition order. */
  public static TargetScaling fit(TrainingSet set) {
    int nt = set.data().numTargets();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(set.data().groups().context());
    Broadcast<DataView> view = sc.broadcast(new TrainingSet(set.data()).view(java.util.UUID.randomUUID().toString()));
    try {
      List<FeatureStats> parts = set.data().groups().mapPartitions(it -> {
        FeatureStats s = new FeatureStats(nt);
        double[] y = new double[nt];
        while (it.hasNext()) {
          FullPass.forEachRow(it.next(), view.value(), (block, row) -> {
            block.targets(row, y, 0);
            s.add(y, 0);
          });
        }
        return List.of(s).iterator();
      }).collect();
      FeatureStats all = new FeatureStats(nt);
      parts.forEach(all::merge);
      if (all.count() == 0) {
        throw new IllegalArgumentException("training set: no rows to fit the target scaling on");
      }
      return of(all);
    } finally {
      view.destroy();
    }
  }

  /** The number of targets. */
  public int numTargets() {
    return mean.length;
  }

  /** A copy of μ. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Standardizes one sample's targets in place: y[off + j] ← (y[off + j] − μ_j) / σ. */
  public void standardize(double[] y, int off) {
    for (int j = 0; j < mean.length; j++) {
      y[off + j] = (y[off + j] - mean[j]) / scale;
    }
  }

  /** σ²: a quadratic loss on standardized targets times this is the loss in data units. */
  public double lossFactor() {
    return scale * scale;
  }

  /**
   * θ with the scaling folded into the output layer (a new array; θ is not changed): W^L ← σ·W^L,
   * b^L ← σ·b^L + μ, so the network's outputs are σ·(its outputs on θ) + μ, in data units.
   *
   * @throws IllegalArgumentException when the network cannot fold it ({@link TargetScalingKind#whyNot}) or does not
   *     have one output per target
   */
  public double[] fold(Topology t, double[] params) {
    String why = TargetScalingKind.whyNot(t);
    if (why != null || t.outputSize() != mean.length || params.length != t.numParams()) {
      throw new IllegalArgumentException("target scaling of " + mean.length + " targets cannot be folded into "
          + t + " (" + params.length + " parameters)" + (why != null ? ": " + why : ""));
    }
    double[] folded = params.clone();
    int l = t.numLayers();
    for (int i = t.weightOffset(l), end = t.biasOffset(l); i < end; i++) {
      folded[i] *= scale;
    }
    for (int j = 0, b = t.biasOffset(l); j < mean.length; j++) {
      folded[b + j] = folded[b + j] * scale + mean[j];
    }
    return folded;
  }

  /** Equal when μ and σ are bitwise equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TargetScaling s && Arrays.equals(mean, s.mean)
        && Double.doubleToLongBits(scale) == Double.doubleToLongBits(s.scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Double.hashCode(scale);
  }

  @Override
  public String toString() {
    return "TargetScaling[μ " + Arrays.toString(mean) + ", σ " + scale + "]";
  }
}
