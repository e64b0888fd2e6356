package dev.nabla.bench;

import dev.nabla.nn.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of {@link SparkBench}, validated.
 *
 * @param quick the smoke-run plan instead of the full one
 * @param json where to write the JSON results, or null
 * @param data the directory of the MNIST IDX files
 * @param sections which sections to run, from 1 to 7 (5 only with a standalone master)
 * @param nablaBatch section 2's batch size, or 0 for the plan's
 * @param nablaLearningRate section 2's learning rate, or 0 for the plan's
 * @param nablaOptimizer section 2's optimizer (a name of {@code dev.nabla.optim.Optimizers}), default adam
 * @param nablaSchedule section 2's learning-rate schedule (a name of {@code ScheduleConfig.SCHEDULES}), default
 *     cosine (annealed over the race's maximum epochs)
 * @param nablaEpochs section 2's maximum epochs (also the cosine schedule's length), or 0 for the plan's
 * @param precision the precision of Nabla's training in sections 2 and 4 (section 4 then compares with sgemm)
 * @param nablaDiagnostics section 2 computes the per-epoch diagnostics (saturation probe, one more Spark job an
 *     epoch), as commits before 2026-11-30's race change did; off by default: the peers do not
 * @param help print the usage and stop
 */
record BenchArgs(boolean quick, Path json, Path data, Set<Integer> sections, int nablaBatch,
    double nablaLearningRate, String nablaOptimizer, String nablaSchedule, int nablaEpochs, Precision precision,
    boolean nablaDiagnostics, int[] mllibIterations, boolean help) {

  BenchArgs {
    sections = Set.copyOf(sections);
  }

  /** Parses the arguments; throws IllegalArgumentException naming the bad argument and what is allowed. */
  static BenchArgs parse(String[] args) {
    boolean quick = false;
    boolean help = false;
    Path json = null;
    Path data = Path.of("data/mnist");
    Set<Integer> sections = new TreeSet<>(List.of(1, 2, 3, 4, 6, 7));
    int batch = 0;
    double lr = 0;
    String optimizer = "adam";
    String schedule = "cosine";
    int epochs = 0;
    Precision precision = Precision.FLOAT64;
    boolean diagnostics = false;
    int[] mllibIterations = null;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      switch (arg) {
        case "--quick" -> quick = true;
        case "--nabla-diagnostics" -> diagnostics = true;
        case "-h", "--help" -> help = true;
        case "--json" -> json = Path.of(value(arg, rest));
        case "--data" -> data = Path.of(value(arg, rest));
        case "--sections" -> sections = sections(value(arg, rest));
        case "--nabla-batch" -> {
          String v = value(arg, rest);
          batch = parseInt(arg, v);
          if (batch < 1) {
            throw new IllegalArgumentException("--nabla-batch " + v + ": must be a positive integer");
          }
        }
        case "--nabla-lr" -> {
          String v = value(arg, rest);
          try {
            lr = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            lr = Double.NaN;
          }
          if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--nabla-lr " + v + ": must be a positive number, e.g. 2.0");
          }
        }
        case "--nabla-optimizer" -> {
          optimizer = value(arg, rest);
          if (!dev.nabla.optim.Optimizers.NAMES.contains(optimizer)) {
            throw new IllegalArgumentException("--nabla-optimizer " + optimizer + ": expected one of "
                + String.join(", ", dev.nabla.optim.Optimizers.NAMES));
          }
        }
        case "--nabla-schedule" -> {
          schedule = value(arg, rest);
          if (!dev.nabla.optim.ScheduleConfig.SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("--nabla-schedule " + schedule + ": expected one of "
                + String.join(", ", dev.nabla.optim.ScheduleConfig.SCHEDULES));
          }
        }
        case "--nabla-epochs" -> {
          String v = value(arg, rest);
          epochs = parseInt(arg, v);
          if (epochs < 1) {
            throw new IllegalArgumentException("--nabla-epochs " + v + ": must be a positive integer");
          }
        }
        case "--precision" -> {
          String v = value(arg, rest);
          try {
            precision = Precision.parse(v);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--precision " + v + ": expected float64 or float32");
          }
        }
        case "--mllib-iters" -> {
          String v = value(arg, rest);
          try {
            mllibIterations = java.util.Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
          } catch (NumberFormatException e) {
            mllibIterations = new int[] {0};
          }
          if (java.util.Arrays.stream(mllibIterations).anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("--mllib-iters " + v + ": expected positive integers, e.g. 100");
          }
        }
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return new BenchArgs(quick, json, data, sections, batch, lr, optimizer, schedule, epochs, precision, diagnostics,
        mllibIterations, help);
  }

  /** The full or quick plan with section 2's overrides applied. */
  BenchPlan plan() {
    BenchPlan p = quick ? BenchPlan.quick() : BenchPlan.full();
    if (mllibIterations != null) {
      p = p.withMllib(mllibIterations);
    }
    return p.withNabla(nablaBatch > 0 ? nablaBatch : p.nablaBatch(),
        nablaLearningRate > 0 ? nablaLearningRate : p.nablaLearningRate(),
        nablaEpochs > 0 ? nablaEpochs : p.nablaMaxEpochs());
  }

  private static String value(String flag, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.remove(0);
  }

  private static int parseInt(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " " + v + ": must be an integer");
    }
  }

  private static Set<Integer> sections(String v) {
    Set<Integer> s = new TreeSet<>();
    for (String part : v.split(",")) {
      int n = parseInt("--sections", part.trim());
      if (n < 1 || n > 7) {
        throw new IllegalArgumentException("--sections " + v + ": sections are 1 to 7, comma-separated (5, the "
            + "cluster, only with a spark:// master)");
      }
      s.add(n);
    }
    return s;
  }
}
