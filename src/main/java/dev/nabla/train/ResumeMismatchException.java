package dev.nabla.train;

/**
 * A checkpoint that does not belong to this run: the first setting (in {@link RunSettings}' order) whose value
 * differs, with both values, or a checkpoint of another format version. The CLI maps it to exit status 2.
 */
public final class ResumeMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final String checkpointValue;
  private final String runValue;

  private ResumeMismatchException(String message, String setting, String checkpointValue, String runValue) {
    super(message);
    this.setting = setting;
    this.checkpointValue = checkpointValue;
    this.runValue = runValue;
  }

  /** The checkpoint's run had {@code setting} = {@code checkpointValue}, this run has {@code runValue}. */
  static ResumeMismatchException of(String setting, String checkpointValue, String runValue) {
    return new ResumeMismatchException("--resume: the checkpoint was written by a run with " + setting + " "
        + checkpointValue + "; this run has " + runValue + " (resume with the interrupted run's settings and data, or "
        + "start again without --resume)", setting, checkpointValue, runValue);
  }

  /** The checkpoint at {@code where} is of format {@code found}; this Nabla reads {@code expected}. */
  static ResumeMismatchException formatVersion(String where, int found, int expected) {
    return new ResumeMismatchException("--resume: " + where + " is a checkpoint of format version " + found
        + ", written by another version of Nabla; this one reads version " + expected + ": start the run again "
        + "without --resume", "checkpoint format version", Integer.toString(found), Integer.toString(expected));
  }

  /** The setting that differs, as named in {@link RunSettings} (e.g. {@code --activation}). */
  public String setting() {
    return setting;
  }

  /** Its value in the checkpoint's run. */
  public String checkpointValue() {
    return checkpointValue;
  }

  /** Its value in this run. */
  public String runValue() {
    return runValue;
  }
}
