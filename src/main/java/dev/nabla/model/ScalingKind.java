package dev.nabla.model;

import java.util.Locale;

/** How input features are rescaled before they enter the network; see {@link Scaling}. */
public enum ScalingKind {
  /** The identity: features are used as given. */
  NONE("none"),
  /** x' = (x − mean) / std, per feature (population std; a constant feature is only centred). */
  STANDARD("standard"),
  /** x' = (x − min) / (max − min), per feature, into [0, 1] on the training data (a constant feature is only shifted). */
  MINMAX("minmax");

  private final String cliName;

  ScalingKind(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used on the command line and in manifest.json. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses {@code none}, {@code standard} or {@code minmax} (case-insensitive).
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
    throw new IllegalArgumentException("unknown scaling '" + text + "': expected one of none, standard, minmax");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
