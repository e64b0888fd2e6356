package dev.nabla.model;

import java.util.Locale;

/** What a model predicts: a class index (classification) or real-valued targets (regression). */
public enum Task {
  CLASSIFICATION("classification"),
  REGRESSION("regression");

  private final String cliName;

  Task(String cliName) {
    this.cliName = cliName;
  }

  /** The spelling used on the command line and in manifest.json. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses {@code classification} or {@code regression} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the bad text and the allowed values
   */
  public static Task parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Task t : values()) {
      if (t.cliName.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task '" + text + "': expected classification or regression");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
