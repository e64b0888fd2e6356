package dev.nabla.train;

import dev.nabla.data.Format;
import dev.nabla.data.OnBadRow;
import dev.nabla.model.ScalingKind;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Init;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped defaults of a training run, written once. The command line takes them as its options'
 * defaults (by flag name, {@link #flags()}), the Spark ML Params ({@code ml.NablaParamSet}) take the ones
 * they share with it; tests check both against this record, and the README's tables against {@link #flags()}.
 * A zero count means "infer" or "off" where the component says so. Defaults that belong to one optimizer or
 * schedule (momentum, β1, γ, …) live with it in {@code dev.nabla.optim}.
 *
 * @param format {@code --format}: libsvm, csv, idx or parquet
 * @param numFeatures {@code --num-features}: 0 infers the dimension
 * @param onBadRow {@code --on-bad-row}: fail or skip
 * @param validationFraction {@code --validation-fraction}: 0 holds nothing out
 * @param task {@code --task}: classification or regression
 * @param numClasses {@code --num-classes}: 0 infers max label + 1
 * @param activation {@code --activation}: the hidden layers' activation
 * @param init {@code --init}: auto (he-normal for the ReLU family, glorot-uniform otherwise) or a scheme
 * @param optimizer {@code --optimizer}
 * @param learningRate {@code --learning-rate}: η0
 * @param batchSize {@code --batch-size}: the global mini-batch size m
 * @param epochs {@code --epochs}
 * @param seed {@code --seed}: the run's one seed
 * @param lrSchedule {@code --lr-schedule}
 * @param warmupSteps {@code --warmup-steps}
 * @param l1 {@code --l1}
 * @param l2 {@code --l2}
 * @param earlyStoppingPatience {@code --early-stopping-patience}: 0 is off
 * @param earlyStoppingMetric {@code --early-stopping-metric}
 * @param earlyStoppingMinDelta {@code --early-stopping-min-delta}
 * @param lbfgsMemory {@code --lbfgs-memory}
 * @param lbfgsTolerance {@code --lbfgs-tolerance}
 * @param scale {@code --scale}: none, standard, minmax or auto
 * @param partitions {@code --partitions}: 0 is Spark's default parallelism
 * @param checkpointEvery {@code --checkpoint-every}
 * @param checkpointUnit {@code --checkpoint-unit}: epochs or steps
 * @param checkpointKeep {@code --checkpoint-keep}
 * @param metricsEverySteps {@code --metrics-every-steps}: 0 writes epoch lines only
 * @param logEvery {@code --log-every}: seconds between progress lines when stdout is not a terminal
 * @param precision {@code --precision}: float64 or float32, the executors' matrix products
 * @param storagePrecision {@code --storage-precision}: float64 (exact) or float32, the stored feature values
 * @param sparse {@code --sparse}: auto (sparse when the measured density of the rows is low), true or false
 * @param shuffleWindow {@code --shuffle-window}: bytes of stored rows shuffled together in an epoch
 * @param treeFanout {@code --tree-fanout}: k of the tree the step's sums are added up (0: the star)
 * @param float32Wire {@code --float32-wire}: θ and the sums cross between JVMs as float32
 */
public record TrainDefaults(String format, int numFeatures, String onBadRow, double validationFraction, String task,
    int numClasses, String activation, String init, String optimizer, double learningRate, int batchSize, int epochs,
    long seed, String lrSchedule, long warmupSteps, double l1, double l2, int earlyStoppingPatience,
    String earlyStoppingMetric, double earlyStoppingMinDelta, int lbfgsMemory, double lbfgsTolerance, String scale,
    int partitions, int checkpointEvery, String checkpointUnit, int checkpointKeep, int metricsEverySteps,
    double logEvery, String precision, String storagePrecision, String sparse, long shuffleWindow, int treeFanout,
    boolean float32Wire) {

  /** The defaults Nabla ships. */
  public static final TrainDefaults SHIPPED = new TrainDefaults(
      "libsvm", 0, "fail", 0,                     // data: format, num-features, on-bad-row, validation-fraction
      "classification", 0,                        // task, num-classes
      "relu", "auto",                             // activation, init
      "adam", 0.01, 128, 10, 1,                   // optimizer, learning-rate, batch-size, epochs, seed
      "cosine", 0,                                // lr-schedule (annealed over the run's epochs), warmup-steps
      0, 0,                                       // l1, l2
      0, "loss", 0,                               // early stopping: patience, metric, min-delta
      10, 1e-6,                                   // lbfgs-memory, lbfgs-tolerance: MLlib's (corrections m, tol)
      "auto", 0,                                  // scale, partitions
      1, "epochs", 3,                             // checkpoint-every, checkpoint-unit, checkpoint-keep
      0, 10,                                      // metrics-every-steps, log-every
      "float64", "float64", "auto",               // precision, storage-precision, sparse
      64L << 20, 2, false);                       // shuffle-window, tree-fanout, float32-wire

  public TrainDefaults {
    Format.parse(format);
    OnBadRow.parse(onBadRow);
    ScalingKind.parse(scale);
    dev.nabla.nn.Precision.parse(precision);
    dev.nabla.nn.Precision.parse(storagePrecision);
    require(List.of("auto", "true", "false").contains(sparse), "sparse", sparse);
    require(shuffleWindow >= 1 && treeFanout >= 0, "shuffle-window or tree-fanout", shuffleWindow + ", " + treeFanout);
    Activation.parse(activation);
    if (!init.equals("auto")) {
      Init.parse(init);
    }
    require(List.of("classification", "regression").contains(task), "task", task);
    require(optimizer.equals("lbfgs") || Optimizers.NAMES.contains(optimizer), "optimizer", optimizer);
    require(ScheduleConfig.SCHEDULES.contains(lrSchedule), "lr-schedule", lrSchedule);
    require(List.of("epochs", "steps").contains(checkpointUnit), "checkpoint-unit", checkpointUnit);
    require(learningRate > 0 && batchSize >= 1 && epochs >= 1 && checkpointEvery >= 1 && checkpointKeep >= 1
        && lbfgsMemory >= 1 && logEvery > 0, "counts and rates", "not positive");
    require(numFeatures >= 0 && numClasses >= 0 && warmupSteps >= 0 && l1 >= 0 && l2 >= 0 && partitions >= 0
        && earlyStoppingPatience >= 0 && earlyStoppingMinDelta >= 0 && lbfgsTolerance >= 0 && metricsEverySteps >= 0
        && validationFraction >= 0 && validationFraction < 1, "counts and penalties", "negative");
  }

  /** The defaults by command-line flag name (without dashes), as the command line would spell them. */
  public Map<String, String> flags() {
    Object[][] pairs = {
        {"format", format}, {"num-features", numFeatures}, {"on-bad-row", onBadRow},
        {"validation-fraction", validationFraction}, {"task", task}, {"num-classes", numClasses},
        {"activation", activation}, {"init", init}, {"optimizer", optimizer}, {"learning-rate", learningRate},
        {"batch-size", batchSize}, {"epochs", epochs}, {"seed", seed}, {"lr-schedule", lrSchedule},
        {"warmup-steps", warmupSteps}, {"l1", l1}, {"l2", l2}, {"early-stopping-patience", earlyStoppingPatience},
        {"early-stopping-metric", earlyStoppingMetric}, {"early-stopping-min-delta", earlyStoppingMinDelta},
        {"lbfgs-memory", lbfgsMemory}, {"lbfgs-tolerance", lbfgsTolerance}, {"scale", scale},
        {"partitions", partitions}, {"checkpoint-every", checkpointEvery}, {"checkpoint-unit", checkpointUnit},
        {"checkpoint-keep", checkpointKeep}, {"metrics-every-steps", metricsEverySteps}, {"log-every", logEvery},
        {"precision", precision}, {"storage-precision", storagePrecision}, {"sparse", sparse},
        {"shuffle-window", ByteSize.format(shuffleWindow)}, {"tree-fanout", treeFanout}, {"float32-wire", float32Wire}};
    Map<String, String> m = new LinkedHashMap<>();
    for (Object[] p : pairs) {
      m.put((String) p[0], text(p[1]));
    }
    return m;
  }

  /** A value as a user writes it: whole numbers without ".0" (0, 10), others as Java prints them (0.1, 1.0E-6). */
  private static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  private static void require(boolean ok, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("TrainDefaults: bad " + what + ": " + value);
    }
  }
}
