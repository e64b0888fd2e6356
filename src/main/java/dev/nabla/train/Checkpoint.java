package dev.nabla.train;

import dev.nabla.report.EpochMetrics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it was: the cursor (the next step to run), the
 * parameters, the optimizer's and the schedule's state, the running epoch's partial sums, early
 * stopping's best so far, the metrics history, and the run's {@link RunSettings} (every setting that changes
 * its bits) so that a checkpoint is never resumed into a different run. Doubles are stored bit for bit. Format
 * version 2 (version 1 stored a fingerprint of sizes, seed and optimizer name instead of the settings).
 *
 * @param epoch 0-based epoch of the next step
 * @param step 0-based next step within that epoch
 * @param settings the run's settings: must match on resume
 * @param params θ as trained (with standardized targets: not folded, as the optimizer's state belongs to it)
 * @param best early stopping's best parameters so far, in data units (folded), or null
 */
public record Checkpoint(int epoch, int step, RunSettings settings, double[] params,
    Map<String, double[]> optimizerState, Map<String, double[]> scheduleState, double epochLossSum,
    long epochSamples, double lastRate, double[] best, double bestValue, int bestEpoch,
    List<EpochMetrics> history, double wallSeconds) {

  private static final int MAGIC = 0x4E41424C; // "NABL"
  private static final int VERSION = 2;

  void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(epoch);
    out.writeInt(step);
    settings.write(out);
    writeDoubles(out, params);
    writeState(out, optimizerState);
    writeState(out, scheduleState);
    out.writeDouble(epochLossSum);
    out.writeLong(epochSamples);
    out.writeDouble(lastRate);
    out.writeBoolean(best != null);
    if (best != null) {
      writeDoubles(out, best);
    }
    out.writeDouble(bestValue);
    out.writeInt(bestEpoch);
    out.writeInt(history.size());
    for (EpochMetrics m : history) {
      out.writeInt(m.epoch());
      out.writeDouble(m.trainLoss());
      out.writeInt(m.validation().size());
      for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m.validation()).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      out.writeDouble(m.learningRate());
      out.writeDouble(m.samplesPerSecond());
      out.writeDouble(m.epochSeconds());
      out.writeDouble(m.wallSeconds());
    }
    out.writeDouble(wallSeconds);
    out.writeInt(MAGIC);
  }

  static Checkpoint read(DataInputStream in, String where) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException(where + " is not a Nabla checkpoint");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw ResumeMismatchException.formatVersion(where, version, VERSION);
    }
    int epoch = in.readInt();
    int step = in.readInt();
    RunSettings settings = RunSettings.read(in);
    double[] params = readDoubles(in);
    Map<String, double[]> optState = readState(in);
    Map<String, double[]> schedState = readState(in);
    double lossSum = in.readDouble();
    long samples = in.readLong();
    double lastRate = in.readDouble();
    double[] best = in.readBoolean() ? readDoubles(in) : null;
    double bestValue = in.readDouble();
    int bestEpoch = in.readInt();
    int n = in.readInt();
    List<EpochMetrics> history = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int e = in.readInt();
      double loss = in.readDouble();
      int k = in.readInt();
      Map<String, Double> val = new LinkedHashMap<>();
      for (int j = 0; j < k; j++) {
        val.put(in.readUTF(), in.readDouble());
      }
      history.add(new EpochMetrics(e, loss, val, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
    }
    double wall = in.readDouble();
    if (in.readInt() != MAGIC) {
      throw new IOException(where + " is truncated or corrupt");
    }
    return new Checkpoint(epoch, step, settings, params, optState, schedState, lossSum, samples,
        lastRate, best, bestValue, bestEpoch, history, wall);
  }

  private static void writeState(DataOutputStream out, Map<String, double[]> state) throws IOException {
    out.writeInt(state.size());
    for (Map.Entry<String, double[]> e : state.entrySet()) {
      out.writeUTF(e.getKey());
      writeDoubles(out, e.getValue());
    }
  }

  private static Map<String, double[]> readState(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), readDoubles(in));
    }
    return m;
  }

  private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double d : v) {
      out.writeLong(Double.doubleToRawLongBits(d));
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.longBitsToDouble(in.readLong());
    }
    return v;
  }
}
