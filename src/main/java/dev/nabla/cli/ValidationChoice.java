package dev.nabla.cli;

import java.io.PrintStream;
import picocli.CommandLine.ParseResult;

/**
 * {@code --validation PATH} and {@code --validation-fraction f} exclude each other. When one comes from the command
 * line and the other from the config file, the command line is the more specific wish: it wins, and one line says
 * so. Given both on the command line, or both in the file, they are a usage error.
 */
final class ValidationChoice {
  private ValidationChoice() {
  }

  /** Checks the fraction's range and leaves at most one of the two set on {@code cmd}. */
  static void resolve(TrainCommand cmd, ParseResult parsed, PrintStream out) {
    if (!(cmd.validationFraction >= 0 && cmd.validationFraction < 1)) {
      throw new UsageException("--validation-fraction must be in [0, 1), got " + cmd.validationFraction);
    }
    if (cmd.validation == null || cmd.validationFraction == 0) {
      return;
    }
    boolean pathTyped = parsed != null && parsed.hasMatchedOption("--validation");
    boolean fractionTyped = parsed != null && parsed.hasMatchedOption("--validation-fraction");
    if (pathTyped == fractionTyped) {
      throw new UsageException("--validation and --validation-fraction exclude each other" + (pathTyped ? "" : " (both "
          + "are in --config " + cmd.config.config + ")") + "; give one");
    }
    if (pathTyped) {
      out.println("validation: --validation " + cmd.validation + " on the command line replaces validation-fraction="
          + cmd.validationFraction + " of --config " + cmd.config.config);
      cmd.validationFraction = 0;
    } else {
      out.println("validation: --validation-fraction " + cmd.validationFraction + " on the command line replaces "
          + "validation=" + cmd.validation + " of --config " + cmd.config.config);
      cmd.validation = null;
    }
  }
}
