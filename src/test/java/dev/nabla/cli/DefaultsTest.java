package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.ml.NablaClassifier;
import dev.nabla.ml.NablaRegressor;
import dev.nabla.train.TrainDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training defaults are written once, in {@link TrainDefaults#SHIPPED}: the command line's options and the
 * Spark ML Params take them from there, no option repeats one in its annotation, and the README's tables say the
 * same.
 */
class DefaultsTest {
  private static final Map<String, String> FLAGS = TrainDefaults.SHIPPED.flags();
  /** The Spark ML Params that share a default with a train flag, by param name. */
  private static final Map<String, String> SHARED = Map.ofEntries(Map.entry("activation", "activation"),
      Map.entry("init", "init"), Map.entry("optimizer", "optimizer"), Map.entry("learningRate", "learning-rate"),
      Map.entry("batchSize", "batch-size"), Map.entry("epochs", "epochs"), Map.entry("seed", "seed"),
      Map.entry("l1", "l1"), Map.entry("l2", "l2"), Map.entry("lrSchedule", "lr-schedule"),
      Map.entry("warmupSteps", "warmup-steps"), Map.entry("precision", "precision"),
      Map.entry("treeFanout", "tree-fanout"), Map.entry("float32Wire", "float32-wire"));

  /** Equal as numbers when both are numbers (0 = 0.0, 1e-6 = 1.0E-6), else as text. */
  private static void assertSameValue(String expected, String actual, String what) {
    try {
      assertEquals(Double.parseDouble(expected), Double.parseDouble(actual), what);
    } catch (NumberFormatException e) {
      assertEquals(expected, actual, what);
    }
  }

  @Test
  void trainsOptionsTakeEveryDefaultOfTheRecordAfterParsing() {
    TrainCommand cmd = new TrainCommand();
    CommandLine cl = new CommandLine(cmd);
    cl.parseArgs("--train", "data.libsvm", "--layers", "4,3");
    Set<String> seen = new TreeSet<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      String flag = o.longestName().substring(2);
      if (FLAGS.containsKey(flag)) {
        assertSameValue(FLAGS.get(flag), String.valueOf((Object) o.getValue()), "--" + flag);
        seen.add(flag);
      }
    }
    assertEquals(new TreeSet<>(FLAGS.keySet()), seen, "every default of the record is a train option");
    assertEquals(TrainDefaults.SHIPPED.learningRate(), cmd.model.learningRate);
    assertEquals(TrainDefaults.SHIPPED.format(), cmd.data.format);
  }

  @Test
  void noOptionOfTrainEvaluateOrPredictRepeatsARecordDefaultInItsAnnotation() {
    for (Object command : List.of(new TrainCommand(), new EvaluateCommand(), new PredictCommand())) {
      for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
        if (Defaults.of(o) != null) {
          assertNull(o.defaultValue(), o.longestName() + " of " + command.getClass().getSimpleName());
        }
      }
    }
  }

  @Test
  void evaluateAndPredictShareTheDataAndSparkDefaults() {
    PredictCommand cmd = new PredictCommand();
    new CommandLine(cmd).parseArgs("--model", "m", "--data", "d", "--out", "o");
    assertEquals(TrainDefaults.SHIPPED.format(), cmd.dataOptions.format);
    assertEquals(TrainDefaults.SHIPPED.onBadRow(), cmd.dataOptions.onBadRow);
    assertEquals(TrainDefaults.SHIPPED.partitions(), cmd.sparkOptions.partitions);
  }

  @Test
  void theSparkMlParamsDefaultsAreTheRecordsForBothEstimators() {
    for (Params estimator : List.of(new NablaClassifier(), new NablaRegressor())) {
      Set<String> seen = new TreeSet<>();
      for (Param<?> p : estimator.params()) {
        if (SHARED.containsKey(p.name())) {
          assertTrue(estimator.hasDefault(p), p.name());
          assertSameValue(FLAGS.get(SHARED.get(p.name())), String.valueOf(estimator.getDefault(p).get()), p.name());
          seen.add(p.name());
        }
      }
      assertEquals(new TreeSet<>(SHARED.keySet()), seen);
    }
  }

  /** Rows of a README table whose first cell names settings in backticks: name → that setting's default text. */
  private static Map<String, String> tableDefaults(List<String> lines, String namePattern) {
    Pattern name = Pattern.compile("`(" + namePattern + ")[^`]*`");
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      String[] cells = line.split("(?<!\\\\)\\|");
      if (cells.length < 3 || !cells[1].strip().startsWith("`")) {
        continue;
      }
      List<String> names = new java.util.ArrayList<>();
      Matcher m = name.matcher(cells[1]);
      while (m.find()) {
        names.add(m.group(1).replaceFirst("^--", ""));
      }
      String[] values = cells[2].strip().split(",\\s*");
      for (int i = 0; i < names.size(); i++) {
        String v = values.length == names.size() ? values[i] : values[0];
        out.put(names.get(i), v.strip().split("\\s+")[0].replace("`", ""));
      }
    }
    return out;
  }

  private static List<String> readmeSection(String heading) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int from = lines.indexOf(heading);
    assertTrue(from >= 0, "README has no line " + heading);
    return lines.subList(from, lines.size());
  }

  @Test
  void theReadmesTrainOptionsTableNamesTheRecordsDefaults() throws IOException {
    List<String> section = readmeSection("### `train`");
    Map<String, String> readme = tableDefaults(section.subList(0, section.indexOf("Optimizers (the driver applies the "
        + "update to the batch's mean gradient g; state lives in the optimizer):")), "--[a-z0-9-]+");
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      assertTrue(readme.containsKey(e.getKey()), "README's train table has no row for --" + e.getKey());
      assertSameValue(e.getValue(), readme.get(e.getKey()), "README default of --" + e.getKey());
    }
  }

  @Test
  void theConfigTemplateShowsTheRecordsDefaults() throws IOException {
    Pattern key = Pattern.compile("^#\\s*([a-z][a-z0-9-]*)=(\\S+).*");
    int checked = 0;
    for (String line : Files.readAllLines(Path.of("conf/nabla.properties.template"))) {
      Matcher m = key.matcher(line);
      if (m.matches() && FLAGS.containsKey(m.group(1))) {
        assertSameValue(FLAGS.get(m.group(1)), m.group(2), "template's " + m.group(1));
        checked++;
      }
    }
    assertTrue(checked >= 20, "template defaults checked: " + checked);
  }

  @Test
  void theReadmesSparkMlParamsTableNamesTheRecordsDefaults() throws IOException {
    Map<String, String> readme = tableDefaults(readmeSection("| Param | default | meaning (the `nabla train` flag) |"),
        "[a-zA-Z0-9]+");
    for (Map.Entry<String, String> e : SHARED.entrySet()) {
      assertTrue(readme.containsKey(e.getKey()), "README's Params table has no row for " + e.getKey());
      assertSameValue(FLAGS.get(e.getValue()), readme.get(e.getKey()), "README default of " + e.getKey());
    }
  }
}
