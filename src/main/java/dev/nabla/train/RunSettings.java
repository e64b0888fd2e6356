package dev.nabla.train;

import dev.nabla.nn.Dropout;
import dev.nabla.nn.Precision;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.privacy.PrivacyConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting that changes a run's bits, as an ordered map from its name (the command-line flag, e.g.
 * {@code --activation}, or a fact of the data, e.g. {@code training rows}) to its value as text. A checkpoint stores
 * it, and a resumed run must have the same map ({@link #requireSameAs}). The order is: the caller's data identity
 * (paths, format, scaling, …), the partitioning and the tree the partitions' sums are added in (both change the
 * order of the additions), whether they travel as float32 and the products' precision, the network,
 * the batch, epochs, seed, target scaling and shuffle window (which rows share a batch), the optimizer, the schedule,
 * regularization, clipping, dropout, sampling and DP-SGD, early stopping, and last the training and validation row
 * counts, which follow from the settings before them (a seed or a split changes them), so that the setting that
 * caused a difference is the one named. How steps reach the executors (the step engine) does not change the bits
 * and is not in it.
 *
 * @param values the settings in that order; a setting that is not set has the value {@value #NOT_SET}
 */
public record RunSettings(Map<String, String> values) {
  /** The value of a setting a run leaves unset. */
  public static final String NOT_SET = "(not set)";

  public RunSettings {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The settings of a run of the {@link Trainer}.
   *
   * @param data the caller's settings the trainer cannot see (data paths, format, scaling; may be empty), first
   * @throws IllegalArgumentException when {@code data} names a setting the trainer records itself
   */
  static RunSettings of(Map<String, String> data, TrainSettings s, Optimization o, TrainingSet train,
      TrainingSet validation, PrivacyConfig privacy, boolean poisson, EarlyStopping early, Summation sums) {
    Map<String, String> m = new LinkedHashMap<>(data);
    Map<String, String> own = new LinkedHashMap<>();
    own.put("--partitions", Integer.toString(train.data().partitions()));
    own.put("tree fan-out", Integer.toString(sums.treeFanout()));
    own.put("float32 on the wire", Boolean.toString(sums.float32Wire()));
    own.put("precision", sums.precision().cliName());
    Topology t = s.topology();
    own.put("--layers", Arrays.stream(t.sizes()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    Set<String> hidden = new LinkedHashSet<>();
    for (int l = 1; l < t.numLayers(); l++) {
      hidden.add(t.activation(l).name());
    }
    own.put("--activation", hidden.isEmpty() ? NOT_SET : String.join(",", hidden));
    own.put("--output", t.outputActivation().name());
    own.put("--loss", t.loss().cliName());
    own.put("--init", s.init().cliName());
    own.put("--batch-size", Integer.toString(s.batchSize()));
    own.put("--epochs", Integer.toString(s.epochs()));
    own.put("--seed", Long.toString(s.seed()));
    own.put("--scale-target", s.targetScaling().cliName());
    own.put("shuffle window bytes", Long.toString(sums.shuffleWindow()));
    own.put("--optimizer", o.optimizer());
    own.put("--learning-rate", Double.toString(s.learningRate()));
    Map<String, Double> hyper = o.optimizerConfig().setFlags();
    OptimizerConfig.FLAGS.forEach(f -> own.put("--" + f, text(hyper.get(f))));
    Map<String, String> schedule = o.schedule().toFlags();
    ScheduleConfig.FLAGS.forEach(f -> own.put("--" + f, schedule.getOrDefault(f, NOT_SET)));
    own.put("--l1", Double.toString(o.l1()));
    own.put("--l2", Double.toString(o.l2()));
    own.put("--regularize-biases", Boolean.toString(o.regularizeBiases()));
    Clipping c = o.clipping();
    own.put("--clip-norm", c.mode() == Clipping.Mode.NORM ? Double.toString(c.threshold()) : NOT_SET);
    own.put("--clip-value", c.mode() == Clipping.Mode.VALUE ? Double.toString(c.threshold()) : NOT_SET);
    Dropout d = s.dropout();
    own.put("--dropout", d == null ? NOT_SET : d.toString());
    own.put("--dp-clip", privacy == null ? NOT_SET : Double.toString(privacy.clip()));
    own.put("--dp-noise", privacy == null ? NOT_SET : Double.toString(privacy.noiseMultiplier()));
    own.put("--dp-delta", privacy == null ? NOT_SET : Double.toString(privacy.delta()));
    own.put("--dp-target-epsilon", privacy == null || !privacy.hasTarget() ? NOT_SET
        : Double.toString(privacy.targetEpsilon()));
    own.put("--dp-secure-noise", Boolean.toString(privacy != null && privacy.secureNoise()));
    own.put("--sampling", poisson || privacy != null ? "poisson" : "shuffle");
    own.put("--early-stopping-patience", early == null ? "0" : Integer.toString(early.patience()));
    own.put("--early-stopping-metric", early == null ? NOT_SET : early.metric());
    own.put("--early-stopping-min-delta", early == null ? NOT_SET : Double.toString(early.minDelta()));
    own.put("training rows", Long.toString(train.rows()));
    own.put("validation rows", validation == null ? NOT_SET : Long.toString(validation.rows()));
    for (Map.Entry<String, String> e : own.entrySet()) {
      if (m.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("the caller's run settings name " + e.getKey() + ", which the trainer "
            + "records itself");
      }
    }
    return new RunSettings(m);
  }

  /**
   * The trainer's settings of how rows become sums: the shuffle window (which rows share a batch), the k of the tree
   * the partitions' SUMS are added in, float32 on the wire (rounds θ and the SUMS between JVMs), the precision of
   * the executors' matrix products.
   */
  record Summation(long shuffleWindow, int treeFanout, boolean float32Wire, Precision precision) {
  }

  private static String text(Double v) {
    return v == null ? NOT_SET : v.toString();
  }

  /**
   * Checks that the checkpoint's run had these settings.
   *
   * @throws ResumeMismatchException naming the first setting, in the checkpoint's order, whose values differ
   *     (a setting only one side has counts as {@value #NOT_SET} on the other)
   */
  void requireSameAs(RunSettings checkpoint) {
    Set<String> names = new LinkedHashSet<>(checkpoint.values.keySet());
    names.addAll(values.keySet());
    for (String name : names) {
      String was = checkpoint.values.getOrDefault(name, NOT_SET);
      String is = values.getOrDefault(name, NOT_SET);
      if (!was.equals(is)) {
        throw ResumeMismatchException.of(name, was, is);
      }
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(values.size());
    for (Map.Entry<String, String> e : values.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static RunSettings read(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readUTF());
    }
    return new RunSettings(m);
  }
}
