package dev.nabla.optim;

import dev.nabla.nn.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled weight decay
 * regularization", ICLR, arXiv:1711.05101, Algorithm 2). At step t, for every entry the decay mask
 * selects, the decay uses θ before this step's Adam update:
 * <pre>
 *   θ ← θ − η λ θ           (masked entries only; as in PyTorch, the decay is scaled by η)
 *   θ ← θ − η m̂ / (√v̂ + ε)  (the {@link Adam} update, every entry)
 * </pre>
 * The decay is not added to the gradient, so it does not enter m or v (that is the "decoupled").
 * Given a {@link Topology}, only weights decay, not biases. Defaults β1 = {@value #DEFAULT_BETA1},
 * β2 = {@value #DEFAULT_BETA2}, ε = {@value #DEFAULT_EPSILON}, λ = {@value #DEFAULT_WEIGHT_DECAY}.
 * State: as {@link Adam}.
 */
public final class AdamW extends StatefulOptimizer {
  private static final long serialVersionUID = 1L;

  /** The default β1, as {@link Adam#DEFAULT_BETA1}. */
  public static final double DEFAULT_BETA1 = Adam.DEFAULT_BETA1;
  /** The default β2, as {@link Adam#DEFAULT_BETA2}. */
  public static final double DEFAULT_BETA2 = Adam.DEFAULT_BETA2;
  /** The default ε, as {@link Adam#DEFAULT_EPSILON}. */
  public static final double DEFAULT_EPSILON = Adam.DEFAULT_EPSILON;
  /** The default decoupled weight decay λ. */
  public static final double DEFAULT_WEIGHT_DECAY = 0.01;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final boolean[] decayMask;
  private final double[] m;
  private final double[] v;

  /** Decays the weights of {@code t}, not its biases, with all defaults. */
  public AdamW(Topology t) {
    this(ParameterMask.weightsOnly(t), DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY);
  }

  /** Decays the weights of {@code t}, not its biases. */
  public AdamW(Topology t, double beta1, double beta2, double epsilon, double weightDecay) {
    this(ParameterMask.weightsOnly(t), beta1, beta2, epsilon, weightDecay);
  }

  /**
   * @param decayMask which entries decay (its length is the number of parameters); copied
   * @param beta1 β1 in [0, 1)
   * @param beta2 β2 in [0, 1)
   * @param epsilon ε &gt; 0
   * @param weightDecay λ ≥ 0
   */
  public AdamW(boolean[] decayMask, double beta1, double beta2, double epsilon, double weightDecay) {
    super(decayMask.length);
    this.beta1 = Check.unitInterval("beta1", beta1);
    this.beta2 = Check.unitInterval("beta2", beta2);
    this.epsilon = Check.positive("epsilon", epsilon);
    this.weightDecay = Check.nonNegative("weight-decay", weightDecay);
    this.decayMask = decayMask.clone();
    this.m = newMoment("firstMoment");
    this.v = newMoment("secondMoment");
  }

  @Override public String name() {
    return "adamw";
  }

  @Override void update(double[] params, double[] g, double learningRate, long t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (decayMask[i]) {
        params[i] -= learningRate * weightDecay * params[i];
      }
    }
    Adam.adamStep(params, g, learningRate, t, m, v, beta1, beta2, epsilon, from, to);
  }

  @Override public Map<String, Double> hyperParameters() {
    Map<String, Double> h = new LinkedHashMap<>();
    h.put("beta1", beta1);
    h.put("beta2", beta2);
    h.put("epsilon", epsilon);
    h.put("weight-decay", weightDecay);
    return h;
  }
}
