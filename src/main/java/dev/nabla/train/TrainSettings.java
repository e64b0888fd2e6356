package dev.nabla.train;

import dev.nabla.nn.Dropout;
import dev.nabla.nn.Init;
import dev.nabla.nn.Topology;

/**
 * What the training loop needs, validated.
 *
 * @param topology the network
 * @param init how parameters start (seeded from {@code seed})
 * @param learningRate the base learning rate η0 &gt; 0 (the schedule starts from it)
 * @param batchSize m ≥ 1, the GLOBAL mini-batch size (all partitions together)
 * @param epochs ≥ 1
 * @param seed the run's one seed; split per use (initialisation, batch order, dropout)
 * @param dropout inverted dropout on hidden layers during training; null for none
 * @param targetScaling whether regression targets are standardized for training ({@link TargetScaling}); STANDARD
 *     needs an identity output and the quadratic loss. The shipped default is {@link TargetScalingKind#defaultFor}
 */
public record TrainSettings(Topology topology, Init init, double learningRate, int batchSize, int epochs,
    long seed, Dropout dropout, TargetScalingKind targetScaling) {

  /** Settings without dropout, targets as given. */
  public TrainSettings(Topology topology, Init init, double learningRate, int batchSize, int epochs, long seed) {
    this(topology, init, learningRate, batchSize, epochs, seed, null);
  }

  /** Settings with targets as given. */
  public TrainSettings(Topology topology, Init init, double learningRate, int batchSize, int epochs, long seed,
      Dropout dropout) {
    this(topology, init, learningRate, batchSize, epochs, seed, dropout, TargetScalingKind.NONE);
  }

  public TrainSettings {
    if (targetScaling == null) {
      throw new IllegalArgumentException("scale-target is required: standard or none");
    }
    if (targetScaling == TargetScalingKind.STANDARD && topology != null && TargetScalingKind.whyNot(topology) != null) {
      throw new IllegalArgumentException("scale-target standard does not fit " + topology + ": "
          + TargetScalingKind.whyNot(topology) + "; use scale-target none");
    }
    if (dropout != null) {
      dropout.checkFits(topology);
    }
    if (topology == null || init == null) {
      throw new IllegalArgumentException("topology and init are required");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning-rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be a positive integer, got " + batchSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be a positive integer, got " + epochs);
    }
  }

  /** The seed of the parameter initialisation, derived from the run's seed. */
  public long initSeed() {
    return Seeds.split(seed, 1);
  }

  /** The seed of the dropout masks, derived from the run's seed. */
  public long dropoutSeed() {
    return Seeds.split(seed, 4);
  }

  /** The seed of the differential-privacy noise (unless it comes from SecureRandom), derived from the run's seed. */
  public long noiseSeed() {
    return Seeds.split(seed, 5);
  }

  /** The seed of the batch order, derived from the run's seed. */
  public long batchSeed() {
    return Seeds.split(seed, 2);
  }
}
