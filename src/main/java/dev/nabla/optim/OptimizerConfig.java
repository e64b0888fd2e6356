package dev.nabla.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer hyper-parameters a user may set, validated. A null field is unset: the chosen
 * optimizer then uses its own default (the {@code DEFAULT_*} constants of {@link Momentum},
 * {@link Nesterov}, {@link AdaGrad}, {@link RmsProp}, {@link Adam}, {@link AdamW}, the one place
 * defaults live). {@link Optimizers#create} rejects a field that is set but not used by the chosen
 * optimizer, so no value is silently ignored.
 *
 * @param momentum μ in [0, 1) (momentum, nesterov)
 * @param beta1 β1 in [0, 1) (adam, adamw)
 * @param beta2 β2 in [0, 1) (adam, adamw)
 * @param epsilon ε &gt; 0 (adagrad, rmsprop, adam, adamw)
 * @param weightDecay decoupled weight decay λ ≥ 0 (adamw; for L2 on other optimizers see
 *     {@link Regularization})
 * @param rho ρ in [0, 1) (rmsprop)
 */
public record OptimizerConfig(Double momentum, Double beta1, Double beta2, Double epsilon, Double weightDecay,
    Double rho) {

  /** Every field unset: each optimizer's defaults. */
  public static final OptimizerConfig DEFAULTS = new OptimizerConfig(null, null, null, null, null, null);

  /** The command-line names of the fields, in record order. */
  public static final List<String> FLAGS = List.of("momentum", "beta1", "beta2", "epsilon", "weight-decay", "rho");

  public OptimizerConfig {
    if (momentum != null) {
      Check.unitInterval("momentum", momentum);
    }
    if (beta1 != null) {
      Check.unitInterval("beta1", beta1);
    }
    if (beta2 != null) {
      Check.unitInterval("beta2", beta2);
    }
    if (epsilon != null) {
      Check.positive("epsilon", epsilon);
    }
    if (weightDecay != null) {
      Check.nonNegative("weight-decay", weightDecay);
    }
    if (rho != null) {
      Check.unitInterval("rho", rho);
    }
  }

  /**
   * Reads {@code flag → text} settings, flag names as in {@link #FLAGS} (without dashes); absent
   * flags stay unset.
   *
   * @throws IllegalArgumentException for an unknown flag, a non-number or a value out of range
   */
  public static OptimizerConfig fromFlags(Map<String, String> flags) {
    Flags.requireKnown(flags, FLAGS);
    return new OptimizerConfig(Flags.decimal(flags, "momentum"), Flags.decimal(flags, "beta1"),
        Flags.decimal(flags, "beta2"), Flags.decimal(flags, "epsilon"), Flags.decimal(flags, "weight-decay"),
        Flags.decimal(flags, "rho"));
  }

  /** The fields that are set, by command-line name, in record order. */
  public Map<String, Double> setFlags() {
    Double[] values = {momentum, beta1, beta2, epsilon, weightDecay, rho};
    Map<String, Double> set = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        set.put(FLAGS.get(i), values[i]);
      }
    }
    return set;
  }
}
