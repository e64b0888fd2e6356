package dev.nabla.bench;

import dev.nabla.model.FeatureStats;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Network;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.optim.Schedules;
import dev.nabla.train.BatchSchedule;
import dev.nabla.train.TrainSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * How many epochs plain SGD needs to reach a test accuracy, per (batch size, learning rate), for the
 * MNIST network of the Spark benchmark: the tool behind the batch size and learning rate that
 * {@link SparkBench} uses for Nabla's time to 97%.
 *
 * <p>It replays the Trainer's arithmetic on one thread, without Spark steps: the same initial
 * parameters (the settings' init seed), the same batches ({@link BatchSchedule} with the settings'
 * batch seed: step s of epoch e takes positions [⌊sN/S⌋, ⌊(s+1)N/S⌋) of π_e), the gradient SUM of the
 * whole batch divided once by its size, and {@link Sgd}. Only the summation order differs from the
 * distributed run (one batch matrix here, one per partition there), so accuracies agree to rounding.
 * The epoch count does not depend on Spark, so the grid needs no cluster; the wall time of a
 * distributed epoch is then about S × (step time) + evaluation, which {@link SparkBench} measures.
 *
 * <p>Usage: {@code SgdGrid [--data DIR] [--batches 32,64,...] [--rates 0.5,1,...] [--max-epochs N]
 * [--target 0.97] [--init glorot-uniform] [--optimizer adam] [--set key=value]... [--scaling standard]}; {@code --set} takes the
 * CLI's optimizer and schedule flags without dashes (e.g. {@code beta1=0.9}, {@code lr-schedule=cosine},
 * {@code warmup-steps=50}). Spark (local[1]) only reads the files.
 */
final class SgdGrid {
  private SgdGrid() {
  }

  public static void main(String[] args) {
    Path data = Path.of("data/mnist");
    int[] batches = {32, 64, 128, 256, 512};
    double[] rates = {0.5, 1, 2, 3};
    int maxEpochs = 15;
    double target = 0.97;
    Init init = NablaRace.INIT;
    String optimizer = "sgd";
    ScalingKind scaling = ScalingKind.NONE;
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--data" -> data = Path.of(value);
        case "--batches" -> batches = java.util.Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--rates" -> rates = java.util.Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--max-epochs" -> maxEpochs = Integer.parseInt(value);
        case "--target" -> target = Double.parseDouble(value);
        case "--init" -> init = Init.parse(value);
        case "--optimizer" -> optimizer = value;
        case "--scaling" -> scaling = ScalingKind.parse(value);
        case "--set" -> flags.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
        default -> throw new IllegalArgumentException("SgdGrid: unknown argument '" + args[i] + "'; allowed: --data, "
            + "--batches, --rates, --max-epochs, --target, --init, --optimizer, --set");
      }
    }
    SparkSession spark = SparkSession.builder().master("local[1]").appName("SgdGrid")
        .config("spark.ui.enabled", "false").getOrCreate();
    LocalRows train;
    LocalRows test;
    try {
      Mnist mnist = new Mnist(spark, data, 1);
      train = mnist.local(Mnist.TRAIN, Integer.MAX_VALUE);
      test = mnist.local(Mnist.TEST, Integer.MAX_VALUE);
    } finally {
      spark.stop();
    }
    if (scaling != ScalingKind.NONE) {
      FeatureStats stats = new FeatureStats(train.numFeatures);
      for (int r = 0; r < train.rows; r++) {
        stats.add(train.features, r * train.numFeatures);
      }
      Scaling sc = stats.toScaling(scaling);
      sc.applyToColumns(train.features, train.numFeatures, train.rows);
      sc.applyToColumns(test.features, test.numFeatures, test.rows);
    }
    System.out.println("Scaling: " + scaling + "; initialisation: " + init.cliName() + "; optimizer " + optimizer + " " + flags + "\n");
    System.out.println("| batch | learning rate | steps per epoch | epochs to " + target + " | test accuracy by epoch |");
    System.out.println("|---:|---:|---:|---:|---|");
    for (int m : batches) {
      for (double lr : rates) {
        TrainSettings s = NablaRace.settings(init, m, lr, maxEpochs);
        List<Double> acc = run(s, train, test, target, optimizer, flags);
        int reached = acc.get(acc.size() - 1) >= target ? acc.size() : -1;
        StringBuilder line = new StringBuilder();
        for (double a : acc) {
          line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", a));
        }
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %s | %s |%n", m, lr,
            new BatchSchedule(train.rows, m, s.batchSeed()).stepsPerEpoch(), reached < 0 ? "> " + maxEpochs
                : Integer.toString(reached), line);
      }
    }
  }

  /** Test accuracy after each epoch, stopping after the first at or above the target. */
  static List<Double> run(TrainSettings s, LocalRows train, LocalRows test, double target,
      String optimizerName, Map<String, String> flags) {
    Topology t = s.topology();
    double[] params = s.init().initialize(t, s.initSeed());
    BatchSchedule schedule = new BatchSchedule(train.rows, s.batchSize(), s.batchSeed());
    int n = train.rows;
    int steps = schedule.stepsPerEpoch();
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(s.batchSize());
    GradientSum sum = new GradientSum(t.numParams());
    double[] x = new double[train.numFeatures * s.batchSize()];
    double[] y = new double[train.numTargets * s.batchSize()];
    double[] mean = new double[t.numParams()];
    Map<String, String> optimizerFlags = new LinkedHashMap<>(flags);
    optimizerFlags.keySet().retainAll(OptimizerConfig.FLAGS);
    Map<String, String> scheduleFlags = new LinkedHashMap<>(flags);
    scheduleFlags.keySet().retainAll(ScheduleConfig.FLAGS);
    Optimizer optimizer = Optimizers.create(optimizerName, OptimizerConfig.fromFlags(optimizerFlags), t.numParams(), t);
    LearningRateSchedule rate = Schedules.parse(scheduleFlags, s.learningRate(), steps, (long) steps * s.epochs());
    List<Double> accuracies = new ArrayList<>();
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      int[] order = new int[n];
      for (int r = 0; r < n; r++) {
        order[(int) schedule.position(epoch, train.index[r])] = r;
      }
      for (int step = 0; step < steps; step++) {
        int from = (int) ((long) step * n / steps);
        int to = (int) ((long) (step + 1) * n / steps);
        train.gather(order, from, to, x, y);
        sum.clear();
        net.addGradient(params, x, y, to - from, ws, sum);
        double inv = 1.0 / sum.count;
        for (int i = 0; i < mean.length; i++) {
          mean[i] = sum.gradient[i] * inv;
        }
        optimizer.step(params, mean, rate.rate(optimizer.steps()));
      }
      double accuracy = accuracy(net, params, test);
      accuracies.add(accuracy);
      if (accuracy >= target || !Double.isFinite(sum.lossSum)) {
        break;
      }
    }
    return accuracies;
  }

  private static double accuracy(Network net, double[] params, LocalRows test) {
    int chunk = 1000;
    Workspace ws = net.newWorkspace(chunk);
    int k = test.numTargets;
    double[] out = new double[k * chunk];
    double[] x = new double[test.numFeatures * chunk];
    long correct = 0;
    for (int from = 0; from < test.rows; from += chunk) {
      int cols = Math.min(chunk, test.rows - from);
      System.arraycopy(test.features, from * test.numFeatures, x, 0, cols * test.numFeatures);
      net.predict(params, x, cols, out, ws);
      for (int c = 0; c < cols; c++) {
        if (argmax(out, c * k, k) == argmax(test.targets, (from + c) * k, k)) {
          correct++;
        }
      }
    }
    return (double) correct / test.rows;
  }

  private static int argmax(double[] v, int off, int len) {
    int best = 0;
    for (int i = 1; i < len; i++) {
      if (v[off + i] > v[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
