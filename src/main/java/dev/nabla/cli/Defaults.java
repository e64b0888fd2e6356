package dev.nabla.cli;

import dev.nabla.train.TrainDefaults;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of train's, evaluate's and predict's options, from {@link TrainDefaults#SHIPPED} by flag name, so
 * they are written once (the {@code ${DEFAULT-VALUE}} of an option's description shows them). An option the record
 * does not name keeps its annotation's default.
 */
final class Defaults implements CommandLine.IDefaultValueProvider {
  private static final Map<String, String> FLAGS = TrainDefaults.SHIPPED.flags();

  @Override
  public String defaultValue(ArgSpec arg) {
    return arg instanceof OptionSpec o ? of(o) : null;
  }

  /** The record's default of an option, or null when it names none. */
  static String of(OptionSpec o) {
    String name = o.longestName();
    return name.startsWith("--") ? FLAGS.get(name.substring(2)) : null;
  }
}
