package dev.nabla.train;

import dev.nabla.nn.Identity;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Topology;
import java.util.Locale;

/**
 * Whether regression targets are standardized for training ({@code --scale-target}, the regressor's
 * {@code scaleTarget}); see {@link TargetScaling}. The one place of the shipped default ({@link #defaultFor}).
 */
public enum TargetScalingKind {
  /** Targets are used as given. */
  NONE("none"),
  /** y' = (y − μ) / σ for training (μ per target, one σ); the saved model is folded back to data units. */
  STANDARD("standard");

  /** The shipped default for regression with an identity output and the quadratic loss, outside DP-SGD. */
  public static final String REGRESSION_DEFAULT = "standard";

  private final String cliName;

  TargetScalingKind(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used on the command line, in config files and in manifest.json. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses {@code standard} or {@code none} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the bad text and the allowed values
   */
  public static TargetScalingKind parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (TargetScalingKind k : values()) {
      if (k.cliName.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown target scaling '" + text + "': expected standard or none");
  }

  /**
   * The setting a run gets when none is given: {@link #REGRESSION_DEFAULT} for regression whose network can fold the
   * scaling back (identity output, quadratic loss) and that is not differentially private (μ and σ are statistics of
   * the training rows that the folded model would publish without privacy); NONE otherwise.
   */
  public static TargetScalingKind defaultFor(boolean regression, Topology t, boolean differentiallyPrivate) {
    return regression && whyNot(t) == null && !differentiallyPrivate ? parse(REGRESSION_DEFAULT) : NONE;
  }

  /** Why the network cannot train on standardized targets and fold them back, or null when it can. */
  public static String whyNot(Topology t) {
    if (!(t.outputActivation() instanceof Identity)) {
      return "the output layer is " + t.outputActivation().name() + ", and only an identity output can fold σ and μ "
          + "back into its weights";
    }
    if (t.loss() != Loss.QUADRATIC) {
      return "the loss is " + t.loss() + ", and only the quadratic loss converts exactly (loss = σ² · loss')";
    }
    return null;
  }

  @Override
  public String toString() {
    return cliName;
  }
}
