package dev.nabla.bench;

import dev.nabla.nn.Activation;
import dev.nabla.nn.GradientSum;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Network;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.nn.Workspace;
import dev.nabla.optim.Adam;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Checks that a file of {@link DataGen} is learnable, cheaply: trains a ReLU network (softmax output,
 * cross-entropy, He-normal initialisation, Adam at a constant learning rate, shuffled mini-batches) on one
 * thread with Nabla's {@code nn} core, no Spark, and prints the validation accuracy after each epoch.
 * Sparse rows are kept sparse in memory and made dense one batch at a time.
 *
 * <p>Usage: {@code DataCheck --train FILE --validation FILE --layers n0,...,nL [--epochs 2] [--batch 128]
 * [--lr 0.001] [--seed 1]}; a file ending in {@code .csv} is read as DataGen's CSV (label first), any
 * other as LIBSVM. Through {@code submit-scripts/gen-data.sh check ...}.
 */
final class DataCheck {
  private DataCheck() {
  }

  /** Rows in memory, CSR-like: row r holds indices[start[r] .. start[r+1]) (0-based) and their values. */
  record Rows(int[] labels, int[] start, int[] indices, float[] values) {
    int size() {
      return labels.length;
    }

    /** Column c of the column-major batch x (n0 × cols) := row r, dense. */
    void scatter(int r, double[] x, int n0, int c) {
      for (int p = start[r]; p < start[r + 1]; p++) {
        x[c * n0 + indices[p]] = values[p];
      }
    }

    void clear(int r, double[] x, int n0, int c) {
      for (int p = start[r]; p < start[r + 1]; p++) {
        x[c * n0 + indices[p]] = 0;
      }
    }

    /** Reads a DataGen file: {@code .csv} (label, then every feature) or LIBSVM. */
    static Rows read(Path file) throws IOException {
      boolean csv = file.getFileName().toString().endsWith(".csv");
      IntList labels = new IntList();
      IntList start = new IntList();
      IntList indices = new IntList();
      FloatList values = new FloatList();
      try (BufferedReader in = Files.newBufferedReader(file)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          start.add(indices.size);
          String[] parts = line.split(csv ? "," : " ");
          labels.add(Integer.parseInt(parts[0]));
          for (int i = 1; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            indices.add(csv ? i - 1 : Integer.parseInt(parts[i].substring(0, colon)) - 1);
            values.add(Float.parseFloat(csv ? parts[i] : parts[i].substring(colon + 1)));
          }
        }
      }
      start.add(indices.size);
      return new Rows(labels.toArray(), start.toArray(), indices.toArray(), Arrays.copyOf(values.a, values.size));
    }
  }

  public static void main(String[] args) throws IOException {
    Path train = null;
    Path validation = null;
    int[] layers = null;
    int epochs = 2;
    int batch = 128;
    double lr = 0.001;
    long seed = 1;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null) {
        usage("'" + args[i] + "' needs a value");
      }
      try {
        switch (args[i]) {
          case "--train" -> train = Path.of(v);
          case "--validation" -> validation = Path.of(v);
          case "--layers" -> layers = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--epochs" -> epochs = Integer.parseInt(v);
          case "--batch" -> batch = Integer.parseInt(v);
          case "--lr" -> lr = Double.parseDouble(v);
          case "--seed" -> seed = Long.parseLong(v);
          default -> usage("unknown argument '" + args[i] + "'");
        }
      } catch (NumberFormatException e) {
        usage(args[i] + " " + v + ": not a number");
      }
    }
    if (train == null || validation == null || layers == null || layers.length < 2) {
      usage("--train, --validation and --layers (at least two sizes) are required");
    }
    long t0 = System.nanoTime();
    Rows tr = Rows.read(train);
    Rows va = Rows.read(validation);
    System.out.printf(Locale.ROOT, "read %d training and %d validation rows in %.1f s%n", tr.size(), va.size(),
        (System.nanoTime() - t0) / 1e9);
    int n0 = layers[0];
    int k = layers[layers.length - 1];
    for (Rows rows : List.of(tr, va)) {
      if (Arrays.stream(rows.labels()).anyMatch(l -> l < 0 || l >= k)
          || Arrays.stream(rows.indices()).anyMatch(j -> j < 0 || j >= n0)) {
        usage("a label is not in 0.." + (k - 1) + " or a feature index not in 1.." + n0 + " (see --layers)");
      }
    }
    Activation[] act = new Activation[layers.length - 1];
    Arrays.fill(act, new Relu());
    act[act.length - 1] = new Softmax();
    Topology t = new Topology(layers, act, Loss.CROSS_ENTROPY);
    double[] params = Init.HE_NORMAL.initialize(t, seed);
    Adam adam = new Adam(t.numParams());
    Network net = new Network(t);
    Workspace ws = net.newWorkspace(batch);
    GradientSum sum = new GradientSum(t.numParams());
    double[] mean = new double[t.numParams()];
    double[] x = new double[n0 * batch];
    double[] y = new double[k * batch];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] order = new int[tr.size()];
    Arrays.setAll(order, r -> r);
    System.out.printf(Locale.ROOT, "%s, Adam lr %s, batch %d: validation accuracy %.4f before training%n", t, lr,
        batch, accuracy(net, params, va, n0, k));
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long te = System.nanoTime();
      for (int i = order.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int s = order[i];
        order[i] = order[j];
        order[j] = s;
      }
      double loss = 0;
      for (int from = 0; from < order.length; from += batch) {
        int cols = Math.min(batch, order.length - from);
        for (int c = 0; c < cols; c++) {
          tr.scatter(order[from + c], x, n0, c);
          y[c * k + tr.labels()[order[from + c]]] = 1;
        }
        sum.clear();
        net.addGradient(params, x, y, cols, ws, sum);
        for (int c = 0; c < cols; c++) {
          tr.clear(order[from + c], x, n0, c);
          y[c * k + tr.labels()[order[from + c]]] = 0;
        }
        for (int i = 0; i < mean.length; i++) {
          mean[i] = sum.gradient[i] / cols;
        }
        adam.step(params, mean, lr);
        loss += sum.lossSum;
      }
      System.out.printf(Locale.ROOT, "epoch %d: training loss %.4f (mean), validation accuracy %.4f, %.1f s%n",
          epoch, loss / order.length, accuracy(net, params, va, n0, k), (System.nanoTime() - te) / 1e9);
    }
  }

  /** The fraction of rows whose largest output is their label. */
  static double accuracy(Network net, double[] params, Rows rows, int n0, int k) {
    int chunk = 256;
    Workspace ws = net.newWorkspace(chunk);
    double[] x = new double[n0 * chunk];
    double[] out = new double[k * chunk];
    long correct = 0;
    for (int from = 0; from < rows.size(); from += chunk) {
      int cols = Math.min(chunk, rows.size() - from);
      for (int c = 0; c < cols; c++) {
        rows.scatter(from + c, x, n0, c);
      }
      net.predict(params, x, cols, out, ws);
      for (int c = 0; c < cols; c++) {
        rows.clear(from + c, x, n0, c);
        int best = 0;
        for (int i = 1; i < k; i++) {
          best = out[c * k + i] > out[c * k + best] ? i : best;
        }
        correct += best == rows.labels()[from + c] ? 1 : 0;
      }
    }
    return (double) correct / rows.size();
  }

  private static void usage(String problem) {
    System.err.println("DataCheck: " + problem + "\nusage: DataCheck --train FILE --validation FILE --layers "
        + "n0,...,nL [--epochs 2] [--batch 128] [--lr 0.001] [--seed 1]");
    System.exit(2);
  }

  /** A growable int array. */
  private static final class IntList {
    int[] a = new int[1024];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** A growable float array. */
  private static final class FloatList {
    float[] a = new float[1024];
    int size;

    void add(float v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
      }
      a[size++] = v;
    }
  }
}
