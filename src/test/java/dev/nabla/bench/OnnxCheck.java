package dev.nabla.bench;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.Format;
import dev.nabla.data.ReadOptions;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.testing.OnnxAgreement;
import dev.nabla.testing.OnnxScoring;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The ONNX export's figures on MNIST (issue 16): a model {@code nabla train} saved, the file
 * {@code nabla export} wrote from it, and the 10,000 test images read as Nabla reads them (IDX, pixels / 255,
 * through {@link DataReader} in a local Spark session that is stopped before anything is timed). Prints the
 * file's size; the agreement of ONNX Runtime's outputs with the model's own {@link Model#predictRaw} (labels
 * identical, largest probability difference, both accuracies); and the time ONNX Runtime takes to score the
 * 10,000 images as one [10000, 784] float32 tensor (session.run, creating the input tensor included; the
 * median of several runs after warm-up, wall clock, ONNX Runtime's default threads), timed run by run in
 * turn with Nabla's own {@code predictRaw} of the same batch on this thread.
 *
 * <p>Usage: {@code OnnxCheck --model DIR --onnx FILE [--data DIR] [--runs N]}; run it through
 * {@code submit-scripts/onnx-check.sh}.
 */
public final class OnnxCheck {
  private static final String USAGE = "usage: OnnxCheck --model DIR --onnx FILE [--data DIR] [--runs N]\n"
      + "  --model DIR  the model directory nabla train saved\n"
      + "  --onnx FILE  the file nabla export wrote from it\n"
      + "  --data DIR   the MNIST IDX files (default data/mnist)\n"
      + "  --runs N     timed runs of each scorer, odd (default 11)";
  private static final int WARMUP = 3;

  private OnnxCheck() {
  }

  public static void main(String[] args) throws Exception {
    String model = null;
    String onnx = null;
    String data = "data/mnist";
    int runs = 11;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--model" -> model = value;
        case "--onnx" -> onnx = value;
        case "--data" -> data = value;
        case "--runs" -> runs = value == null ? -1 : Integer.parseInt(value);
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> fail("unknown argument '" + args[i] + "'");
      }
      i++;
    }
    if (model == null || onnx == null || runs < 1 || runs % 2 == 0) {
      fail("--model and --onnx are required, --runs must be odd and >= 1");
    }
    Model m = ModelIO.load(model, new Configuration());
    byte[] file = Files.readAllBytes(Path.of(onnx));
    Images test = testImages(Path.of(data).resolve(Mnist.TEST).toString());
    System.out.printf(Locale.ROOT, "model: %s (%s)%n", m, model);
    System.out.printf(Locale.ROOT, "ONNX file: %s, %d bytes%n", onnx, file.length);
    try (OnnxScoring scoring = new OnnxScoring(file)) {
      printAgreement(m, scoring, test);
      printTimes(m, scoring, test.rows(), runs);
    }
  }

  private static void printAgreement(Model m, OnnxScoring scoring, Images test) throws Exception {
    double[][] rows = test.rows();
    OnnxScoring.Scores scores = scoring.score(rows);
    OnnxAgreement a = OnnxAgreement.of(m, rows, scores);
    System.out.printf(Locale.ROOT, "test images: %d; labels identical to Nabla's: %d; largest probability "
        + "difference: %.3g%n", a.rows(), a.labelsEqual(), a.maxDifference());
    int[] nabla = m.predictClass(OnnxAgreement.columnMajor(rows), rows.length);
    int[] onnx = Arrays.stream(scores.labels()).mapToInt(Math::toIntExact).toArray();
    System.out.printf(Locale.ROOT, "test accuracy: Nabla %.4f, ONNX Runtime %.4f%n", accuracy(nabla, test.labels()),
        accuracy(onnx, test.labels()));
  }

  private static void printTimes(Model m, OnnxScoring scoring, double[][] rows, int runs) throws Exception {
    FloatBuffer x = OnnxScoring.floats(rows);
    double[] cols = OnnxAgreement.columnMajor(rows);
    double[] ms = medianMillis(runs, () -> scoring.score(x.rewind(), rows.length, rows[0].length),
        () -> m.predictRaw(cols, rows.length));
    System.out.printf(Locale.ROOT, "scoring %d images in one batch, median of %d interleaved runs after %d warm-ups: "
        + "ONNX Runtime %.1f ms (session.run and the input tensor, %d cores), Nabla predictRaw %.1f ms (one thread)%n",
        rows.length, runs, WARMUP, ms[0], Runtime.getRuntime().availableProcessors(), ms[1]);
  }

  /** Images (features = pixels / 255), one row each, and their labels. */
  private record Images(double[][] rows, double[] labels) {
  }

  /** The images in file order, as Nabla's IDX reader gives them. */
  private static Images testImages(String path) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("OnnxCheck")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      ReadOptions options = ReadOptions.of(Format.IDX, true).withNumClasses(Mnist.CLASSES);
      List<Example> list = new ArrayList<>(DataReader.read(spark, path, options, 2).examples().collect());
      list.sort(Comparator.comparingLong(Example::index));
      return new Images(list.stream().map(Example::features).toArray(double[][]::new),
          list.stream().mapToDouble(e -> e.target()[0]).toArray());
    } finally {
      spark.stop();
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  /** The median wall time of each action, in ms; the actions are run in turn, so outside load hits both alike. */
  private static double[] medianMillis(int runs, Action... actions) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      for (Action a : actions) {
        a.run();
      }
    }
    double[][] ms = new double[actions.length][runs];
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < actions.length; k++) {
        long t0 = System.nanoTime();
        actions[k].run();
        ms[k][i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    double[] median = new double[actions.length];
    for (int k = 0; k < actions.length; k++) {
      Arrays.sort(ms[k]);
      median[k] = ms[k][runs / 2];
    }
    return median;
  }

  private static double accuracy(int[] predicted, double[] labels) {
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      right += predicted[i] == labels[i] ? 1 : 0;
    }
    return right / (double) labels.length;
  }

  private static void fail(String message) {
    System.err.println("OnnxCheck: " + message + "\n" + USAGE);
    System.exit(2);
  }
}
