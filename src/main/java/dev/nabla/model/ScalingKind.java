package dev.nabla.model;

import java.util.Locale;

/** How input features are rescaled before they enter the network; see {@link Scaling}. */
public enum ScalingKind {
  /** The identity: features are used as given. */
  NONE("none"),
  /** x' = (x − mean) / std, per feature (population std; a constant feature is only centred). */
  STANDARD("standard"),
  /** x' = (x − min) / (max − min), per feature, into [0, 1] on the training data (a constant feature is only shifted). */
  MINMAX("minmax"),
  /**
   * A request, never a fitted scaling: {@link #NONE} when every feature's training values lie in [−1, 1] (pixels,
   * data already scaled), else {@link #STANDARD} ({@link #resolveAuto}). Models and manifests store what it chose.
   */
  AUTO("auto");

  /** The largest |value| a feature may take for {@link #AUTO} to leave the data unscaled. */
  public static final double AUTO_BOUND = 1.0;

  private final String cliName;

  ScalingKind(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used on the command line and in manifest.json. */
  public String cliName() {
    return cliName;
  }

  /**
   * What {@link #AUTO} chooses for features whose largest absolute training value is {@code maxAbs}: {@link #NONE}
   * within [−{@value #AUTO_BOUND}, {@value #AUTO_BOUND}], else {@link #STANDARD}.
   */
  public static ScalingKind resolveAuto(double maxAbs) {
    return maxAbs <= AUTO_BOUND ? NONE : STANDARD;
  }

  /**
   * Parses {@code none}, {@code standard}, {@code minmax} or {@code auto} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the bad text and the allowed values
   */
  public static ScalingKind parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ScalingKind k : values()) {
      if (k.cliName.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown scaling '" + text + "': expected one of none, standard, minmax, auto");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
