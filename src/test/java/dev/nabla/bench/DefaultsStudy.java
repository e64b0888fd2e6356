package dev.nabla.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The study that chose the training defaults (issue 18; docs/results.md, "Defaults"). For each data set it runs
 * {@code nabla train} as a user would, in its own process (JVM start, JIT warm-up and each epoch's validation
 * included), with only the data, {@code --layers} and one candidate's flags, and reads the metrics file: per epoch
 * the validation metric and {@code wall_s}. It prints, per data set, each candidate's epochs and seconds to the
 * set's target, its best and last metric, and the process's total time. Run it through
 * {@code submit-scripts/defaults-study.sh}.
 */
public final class DefaultsStudy {
  static final String USAGE = "usage: DefaultsStudy [--sets mnist,higgs,breast-cancer,wine,digits,diabetes]\n"
      + "         [--candidates NAME,...] [--epochs N] [--extra \"FLAGS\"] [--out DIR] [--json FILE]\n"
      + "  --sets        the data sets (default: all; higgs needs data/higgs-200k.csv and data/higgs-val.csv, the small\n"
      + "                ones submit-scripts/fetch-small-sets.sh, mnist submit-scripts/fetch-mnist.sh)\n"
      + "  --candidates  the candidates to run (default: all): " + String.join(", ", Candidate.ALL.keySet()) + "\n"
      + "  --epochs N    every run's epochs instead of the data set's\n"
      + "  --extra F     flags added to every run (e.g. \"--precision float32\")\n"
      + "  --out DIR     metrics files and models (default target/defaults-study)\n"
      + "  --json FILE   also write the results as JSON";

  /**
   * A data set of the study.
   *
   * @param flags its data flags and layers, as a user would type them
   * @param metric the validation metric to read (accuracy or r2)
   * @param target the metric the epochs and seconds are counted to
   * @param epochs the epochs of each run
   */
  record DataSet(String name, List<String> flags, String metric, double target, int epochs) {
    static final Map<String, DataSet> ALL = new LinkedHashMap<>();

    static {
      add(new DataSet("mnist", List.of("--format", "idx", "--train", "data/mnist/train-images-idx3-ubyte",
          "--validation", "data/mnist/t10k-images-idx3-ubyte", "--layers", "784,128,10"), "accuracy", 0.97, 10));
      add(new DataSet("higgs", List.of("--format", "csv", "--train", "data/higgs-200k.csv", "--validation",
          "data/higgs-val.csv", "--layers", "28,64,64,2"), "accuracy", 0.92, 10));
      add(small("breast-cancer", "30,32,2", "accuracy", 0.95));
      add(small("wine", "13,32,3", "accuracy", 0.95));
      add(small("digits", "64,64,10", "accuracy", 0.95));
      add(small("diabetes", "10,32,1", "r2", 0.40));
    }

    private static DataSet small(String name, String layers, String metric, double target) {
      List<String> f = new ArrayList<>(List.of("--format", "csv", "--train", "data/small/" + name + "-train.csv",
          "--validation", "data/small/" + name + "-test.csv", "--layers", layers));
      if (metric.equals("r2")) {
        f.addAll(List.of("--task", "regression"));
      }
      return new DataSet(name, f, metric, target, 50);
    }

    private static void add(DataSet d) {
      ALL.put(d.name(), d);
    }
  }

  /** A candidate default: the flags it sets (none: the shipped defaults). */
  record Candidate(String name, List<String> flags) {
    static final Map<String, Candidate> ALL = new LinkedHashMap<>();

    static {
      add("shipped", List.of());
      candidate("sgd", "0.1", 64, "constant", "standard");
      candidate("adam", "0.001", 32, "constant", "standard");
      candidate("adam", "0.001", 200, "constant", "standard");
      candidate("adam", "0.003", 64, "constant", "standard");
      candidate("adam", "0.003", 64, "cosine", "standard");
      candidate("adam", "0.01", 128, "cosine", "standard");
      candidate("adam", "0.003", 64, "cosine", "none");
      candidate("adam", "0.003", 64, "cosine", "minmax");
      candidate("adam", "0.003", 128, "cosine", "minmax");
      candidate("adam", "0.006", 128, "cosine", "minmax");
      candidate("adam", "0.01", 128, "cosine", "minmax");
      candidate("sgd", "0.1", 64, "constant", "auto");
      candidate("adam", "0.001", 200, "constant", "auto");
      candidate("adam", "0.003", 64, "cosine", "auto");
      candidate("adam", "0.003", 128, "cosine", "auto");
      candidate("adam", "0.006", 128, "cosine", "auto");
      candidate("adam", "0.01", 128, "cosine", "auto");
    }

    private static void add(String name, List<String> flags) {
      ALL.put(name, new Candidate(name, flags));
    }

    /**
     * The candidate named e.g. {@code adam-0.003-b64-cos-std}: "-cos" for the cosine schedule (else constant), then
     * the scaling ("-std", "-minmax", "-auto"; nothing for none).
     */
    private static void candidate(String optimizer, String rate, int batch, String schedule, String scale) {
      String suffix = switch (scale) {
        case "standard" -> "-std";
        case "none" -> "";
        default -> "-" + scale;
      };
      add(optimizer + "-" + rate + "-b" + batch + (schedule.equals("cosine") ? "-cos" : "") + suffix, List.of(
          "--optimizer", optimizer, "--learning-rate", rate, "--batch-size", Integer.toString(batch), "--lr-schedule",
          schedule, "--scale", scale));
    }
  }

  /** One epoch line of a metrics file. */
  record Epoch(int epoch, double metric, double wallSeconds) {
  }

  /** One run: its epochs, the process's wall time and exit status. */
  record Run(DataSet set, Candidate candidate, List<Epoch> epochs, double processSeconds, int status) {
    /** The first epoch at or past the target (below it for a loss-like metric), or null. */
    Epoch atTarget() {
      for (Epoch e : epochs) {
        if (e.metric() >= set.target()) {
          return e;
        }
      }
      return null;
    }

    Epoch best() {
      Epoch b = null;
      for (Epoch e : epochs) {
        if (b == null || e.metric() > b.metric()) {
          b = e;
        }
      }
      return b;
    }
  }

  private DefaultsStudy() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> sets = new ArrayList<>(DataSet.ALL.keySet());
    List<String> candidates = new ArrayList<>(Candidate.ALL.keySet());
    int epochs = 0;
    List<String> extra = new ArrayList<>();
    Path out = Path.of("target/defaults-study");
    Path json = null;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    try {
      while (!rest.isEmpty()) {
        String a = rest.remove(0);
        switch (a) {
          case "--sets" -> sets = names(value(a, rest), DataSet.ALL.keySet(), a);
          case "--candidates" -> candidates = names(value(a, rest), Candidate.ALL.keySet(), a);
          case "--epochs" -> epochs = Integer.parseInt(value(a, rest));
          case "--extra" -> extra = Arrays.asList(value(a, rest).trim().split("\\s+"));
          case "--out" -> out = Path.of(value(a, rest));
          case "--json" -> json = Path.of(value(a, rest));
          case "-h", "--help" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("DefaultsStudy: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
    }
    Files.createDirectories(out);
    List<Run> runs = new ArrayList<>();
    for (String s : sets) {
      DataSet set = DataSet.ALL.get(s);
      for (String c : candidates) {
        Run r = run(set, Candidate.ALL.get(c), epochs > 0 ? epochs : set.epochs(), extra, out);
        runs.add(r);
        System.err.printf(Locale.ROOT, "%s / %s: %s%n", s, c, summary(r));
      }
    }
    String table = table(runs, extra);
    System.out.println(table);
    if (json != null) {
      Files.writeString(json, json(runs, extra), StandardCharsets.UTF_8);
    }
  }

  private static Run run(DataSet set, Candidate c, int epochs, List<String> extra, Path out)
      throws IOException, InterruptedException {
    Path metrics = out.resolve(set.name() + "-" + c.name() + ".jsonl");
    Path log = out.resolve(set.name() + "-" + c.name() + ".log");
    List<String> cmd = new ArrayList<>(List.of("submit-scripts/nabla", "train"));
    cmd.addAll(set.flags());
    cmd.addAll(c.flags());
    cmd.addAll(List.of("--epochs", Integer.toString(epochs), "--metrics-out", metrics.toString(), "--model-out",
        out.resolve("models").resolve(set.name() + "-" + c.name()).toString(), "--overwrite"));
    if (!extra.isEmpty() && !extra.get(0).isEmpty()) {
      cmd.addAll(extra);
    }
    Files.deleteIfExists(metrics);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int status = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Epoch> es = Files.exists(metrics) ? epochs(Files.readAllLines(metrics), set.metric()) : List.of();
    if (status != 0) {
      System.err.println("  exit " + status + "; see " + log);
    }
    return new Run(set, c, es, seconds, status);
  }

  private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|-?Infinity");

  /** The epoch lines of a metrics file: epoch, the validation metric, wall_s. */
  static List<Epoch> epochs(List<String> lines, String metric) {
    List<Epoch> out = new ArrayList<>();
    for (String line : lines) {
      if (!line.contains("\"type\":\"epoch\"")) {
        continue;
      }
      out.add(new Epoch((int) field(line, "epoch"), field(line, "val_" + metric), field(line, "wall_s")));
    }
    return out;
  }

  private static double field(String line, String key) {
    // non-finite values are written as strings ("Infinity", "NaN")
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"?(" + NUMBER.pattern() + ")").matcher(line);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + key + " in metrics line " + line);
    }
    return Double.parseDouble(m.group(1));
  }

  private static String summary(Run r) {
    Epoch t = r.atTarget();
    Epoch b = r.best();
    return (r.status() != 0 ? "FAILED (exit " + r.status() + ") " : "")
        + (t == null ? "target not reached" : "target at epoch " + t.epoch() + ", " + s(t.wallSeconds()))
        + (b == null ? "" : String.format(Locale.ROOT, "; best %.4f (epoch %d)", b.metric(), b.epoch()))
        + "; process " + s(r.processSeconds());
  }

  static String table(List<Run> runs, List<String> extra) {
    StringBuilder b = new StringBuilder();
    String current = null;
    for (Run r : runs) {
      if (!r.set().name().equals(current)) {
        current = r.set().name();
        b.append(String.format(Locale.ROOT, "%n%s (%s, target %s ≥ %.2f, %s)%n%n", current,
            String.join(" ", r.set().flags()), r.set().metric(), r.set().target(),
            extra.isEmpty() || extra.get(0).isEmpty() ? "as shipped" : String.join(" ", extra)));
        b.append("| candidate | epochs to target | wall_s at target | best (epoch) | last | process total |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
      }
      Epoch t = r.atTarget();
      Epoch best = r.best();
      Epoch last = r.epochs().isEmpty() ? null : r.epochs().get(r.epochs().size() - 1);
      b.append("| ").append(r.candidate().name()).append(r.status() != 0 ? " (exit " + r.status() + ")" : "")
          .append(" | ").append(t == null ? "—" : Integer.toString(t.epoch()))
          .append(" | ").append(t == null ? "—" : s(t.wallSeconds()))
          .append(" | ").append(best == null ? "—" : String.format(Locale.ROOT, "%.4f (%d)", best.metric(), best.epoch()))
          .append(" | ").append(last == null ? "—" : String.format(Locale.ROOT, "%.4f", last.metric()))
          .append(" | ").append(s(r.processSeconds())).append(" |\n");
    }
    return b.toString();
  }

  private static String json(List<Run> runs, List<String> extra) {
    StringBuilder b = new StringBuilder("{\"extra\":\"").append(String.join(" ", extra)).append("\",\"runs\":[");
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"set\":\"%s\",\"candidate\":\"%s\",\"status\":%d,\"process_s\":%.3f,\"epochs\":[", r.set().name(),
          r.candidate().name(), r.status(), r.processSeconds()));
      for (int j = 0; j < r.epochs().size(); j++) {
        Epoch e = r.epochs().get(j);
        b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"epoch\":%d,\"%s\":%s,\"wall_s\":%.3f}",
            e.epoch(), r.set().metric(), Double.isFinite(e.metric()) ? Double.toString(e.metric()) : "null",
            e.wallSeconds()));
      }
      b.append("]}");
    }
    return b.append("]}\n").toString();
  }

  private static String s(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  private static String value(String flag, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.remove(0);
  }

  private static List<String> names(String v, java.util.Set<String> known, String flag) {
    List<String> out = new ArrayList<>();
    for (String n : v.split(",")) {
      if (!known.contains(n.trim())) {
        throw new IllegalArgumentException(flag + " " + n + ": expected one of " + String.join(", ", known));
      }
      out.add(n.trim());
    }
    return out;
  }
}
