package dev.nabla.optim;

import dev.nabla.nn.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds an {@link Optimizer} from its command-line name and an {@link OptimizerConfig}. */
public final class Optimizers {
  /** The command-line names, each with the config flags it uses. */
  private static final Map<String, Set<String>> USES = uses();

  /** The valid names: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw. */
  public static final List<String> NAMES = List.copyOf(USES.keySet());

  private Optimizers() {}

  private static Map<String, Set<String>> uses() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("sgd", Set.of());
    m.put("momentum", Set.of("momentum"));
    m.put("nesterov", Set.of("momentum"));
    m.put("adagrad", Set.of("epsilon"));
    m.put("rmsprop", Set.of("rho", "epsilon"));
    m.put("adam", Set.of("beta1", "beta2", "epsilon"));
    m.put("adamw", Set.of("beta1", "beta2", "epsilon", "weight-decay"));
    return m;
  }

  /**
   * A fresh optimizer (zero state, zero steps).
   *
   * @param name one of {@link #NAMES}, case-insensitive
   * @param cfg the hyper-parameters; unset fields take the optimizer's defaults
   * @param numParams the length of the parameter array
   * @param t the network, whose layout AdamW needs to decay weights and not biases; may be null for
   *     the other optimizers; when given, its numParams must equal {@code numParams}
   * @throws IllegalArgumentException for an unknown name (listing the valid ones), a config field the
   *     optimizer does not use, a size mismatch, or adamw without a topology
   */
  public static Optimizer create(String name, OptimizerConfig cfg, int numParams, Topology t) {
    Objects.requireNonNull(cfg, "cfg");
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Set<String> used = USES.get(key);
    if (used == null) {
      throw new IllegalArgumentException("unknown optimizer '" + name + "'; valid: " + String.join(", ", NAMES));
    }
    for (String flag : cfg.setFlags().keySet()) {
      if (!used.contains(flag)) {
        throw new IllegalArgumentException(flag + " is not used by " + key + " (used by " + usersOf(flag)
            + "); remove it or pick one of those optimizers");
      }
    }
    if (t != null && t.numParams() != numParams) {
      throw new IllegalArgumentException("numParams " + numParams + " does not match the topology " + t + " with "
          + t.numParams() + " parameters");
    }
    return switch (key) {
      case "sgd" -> new Sgd();
      case "momentum" -> new Momentum(numParams, or(cfg.momentum(), Momentum.DEFAULT_MOMENTUM));
      case "nesterov" -> new Nesterov(numParams, or(cfg.momentum(), Nesterov.DEFAULT_MOMENTUM));
      case "adagrad" -> new AdaGrad(numParams, or(cfg.epsilon(), AdaGrad.DEFAULT_EPSILON));
      case "rmsprop" -> new RmsProp(numParams, or(cfg.rho(), RmsProp.DEFAULT_RHO),
          or(cfg.epsilon(), RmsProp.DEFAULT_EPSILON));
      case "adam" -> new Adam(numParams, or(cfg.beta1(), Adam.DEFAULT_BETA1), or(cfg.beta2(), Adam.DEFAULT_BETA2),
          or(cfg.epsilon(), Adam.DEFAULT_EPSILON));
      case "adamw" -> {
        if (t == null) {
          throw new IllegalArgumentException("adamw needs the topology to decay weights and not biases");
        }
        yield new AdamW(t, or(cfg.beta1(), AdamW.DEFAULT_BETA1), or(cfg.beta2(), AdamW.DEFAULT_BETA2),
            or(cfg.epsilon(), AdamW.DEFAULT_EPSILON), or(cfg.weightDecay(), AdamW.DEFAULT_WEIGHT_DECAY));
      }
      default -> throw new IllegalStateException("no constructor for listed optimizer " + key);
    };
  }

  private static String usersOf(String flag) {
    List<String> users = new ArrayList<>();
    USES.forEach((n, flags) -> {
      if (flags.contains(flag)) {
        users.add(n);
      }
    });
    return String.join(", ", users);
  }

  private static double or(Double value, double fallback) {
    return value != null ? value : fallback;
  }
}
