package dev.nabla.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classification metrics as mergeable sums: a confusion matrix (rows = actual class, columns =
 * predicted class) and the SUM of per-sample losses. Everything else is derived, so partitions can be
 * summarised separately and merged in one distributed pass ({@link #add} and {@link #merge} update
 * this object and return it for use in {@code treeAggregate}).
 *
 * <p>Conventions for empty denominators (as in Spark MLlib and scikit-learn's zero_division=0):
 * precision of a never-predicted class, recall of a class with no samples, and F1 when both are 0 are
 * all 0. Macro-F1 averages F1 over the classes that occur as actual or predicted class (scikit-learn's
 * default label set), so a class absent from the data does not count.
 */
public final class ClassificationMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numClasses;
  private final long[][] confusion;
  private long count;
  private double lossSum;

  /** Empty metrics for classes 0 .. numClasses − 1. */
  public ClassificationMetrics(int numClasses) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("ClassificationMetrics: numClasses is " + numClasses + "; it must be >= 2");
    }
    this.numClasses = numClasses;
    this.confusion = new long[numClasses][numClasses];
  }

  /** Counts one sample; returns this. */
  public ClassificationMetrics add(int actual, int predicted) {
    if (actual < 0 || actual >= numClasses || predicted < 0 || predicted >= numClasses) {
      throw new IllegalArgumentException("ClassificationMetrics: actual " + actual + ", predicted " + predicted
          + "; classes must be in 0.." + (numClasses - 1));
    }
    confusion[actual][predicted]++;
    count++;
    return this;
  }

  /** Adds a SUM of per-sample losses (e.g. {@code Network.lossSum} of a batch whose samples were {@link #add}ed); returns this. */
  public ClassificationMetrics addLoss(double lossSum) {
    this.lossSum += lossSum;
    return this;
  }

  /** Adds {@code o}'s counts and loss sum into this; returns this. */
  public ClassificationMetrics merge(ClassificationMetrics o) {
    if (o.numClasses != numClasses) {
      throw new IllegalArgumentException("ClassificationMetrics: cannot merge " + o.numClasses + " classes into "
          + numClasses);
    }
    for (int a = 0; a < numClasses; a++) {
      for (int p = 0; p < numClasses; p++) {
        confusion[a][p] += o.confusion[a][p];
      }
    }
    count += o.count;
    lossSum += o.lossSum;
    return this;
  }

  public int numClasses() { return numClasses; }

  /** The number of samples added. */
  public long count() { return count; }

  /** The SUM of the per-sample losses added. */
  public double lossSum() { return lossSum; }

  /** The MEAN loss per sample, lossSum / count (NaN when empty). */
  public double meanLoss() { return count == 0 ? Double.NaN : lossSum / count; }

  /** The fraction of samples whose predicted class is the actual one (NaN when empty). */
  public double accuracy() {
    if (count == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int c = 0; c < numClasses; c++) {
      correct += confusion[c][c];
    }
    return (double) correct / count;
  }

  /** A copy of the confusion matrix: {@code confusion()[actual][predicted]} samples. */
  public long[][] confusion() {
    long[][] copy = new long[numClasses][];
    for (int a = 0; a < numClasses; a++) {
      copy[a] = confusion[a].clone();
    }
    return copy;
  }

  /** TP / (TP + FP) for class c: of the samples predicted c, the fraction that are c (0 if none predicted). */
  public double precision(int c) {
    long predicted = predictedCount(checkClass(c));
    return predicted == 0 ? 0.0 : (double) confusion[c][c] / predicted;
  }

  /** TP / (TP + FN) for class c: of the samples of class c, the fraction predicted c (0 if none). */
  public double recall(int c) {
    long actual = actualCount(checkClass(c));
    return actual == 0 ? 0.0 : (double) confusion[c][c] / actual;
  }

  /** The harmonic mean 2PR / (P + R) of precision and recall for class c (0 if both are 0). */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** The unweighted MEAN of {@link #f1} over the classes that occur as actual or predicted (NaN when empty). */
  public double macroF1() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numClasses; c++) {
      if (actualCount(c) + predictedCount(c) > 0) {
        sum += f1(c);
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  /** The headline numbers, for a manifest's finalMetrics: accuracy, meanLoss, macroF1. */
  public Map<String, Double> summary() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy());
    m.put("meanLoss", meanLoss());
    m.put("macroF1", macroF1());
    return m;
  }

  /** Everything, JSON-friendly: count, accuracy, meanLoss, macroF1, per-class precision/recall/f1 lists, confusion rows. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.putAll(summary());
    List<Double> p = new ArrayList<>();
    List<Double> r = new ArrayList<>();
    List<Double> f = new ArrayList<>();
    List<List<Long>> rows = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      p.add(precision(c));
      r.add(recall(c));
      f.add(f1(c));
      List<Long> row = new ArrayList<>();
      for (long v : confusion[c]) {
        row.add(v);
      }
      rows.add(row);
    }
    m.put("precision", p);
    m.put("recall", r);
    m.put("f1", f);
    m.put("confusion", rows);
    return m;
  }

  /** A console table: accuracy, mean loss, macro-F1, per-class precision/recall/F1/support, the confusion matrix. */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "samples %d   accuracy %.4f   mean loss %.6f   macro-F1 %.4f%n",
        count, accuracy(), meanLoss(), macroF1()));
    b.append(String.format(Locale.ROOT, "%7s %10s %10s %10s %10s%n", "class", "precision", "recall", "f1", "support"));
    for (int c = 0; c < numClasses; c++) {
      b.append(String.format(Locale.ROOT, "%7d %10.4f %10.4f %10.4f %10d%n",
          c, precision(c), recall(c), f1(c), actualCount(c)));
    }
    b.append("confusion (rows = actual, columns = predicted)\n");
    int width = Math.max(6, Long.toString(count).length() + 1);
    b.append(String.format(Locale.ROOT, "%7s", ""));
    for (int p = 0; p < numClasses; p++) {
      b.append(String.format(Locale.ROOT, "%" + width + "d", p));
    }
    b.append('\n');
    for (int a = 0; a < numClasses; a++) {
      b.append(String.format(Locale.ROOT, "%7d", a));
      for (int p = 0; p < numClasses; p++) {
        b.append(String.format(Locale.ROOT, "%" + width + "d", confusion[a][p]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private long actualCount(int c) {
    long s = 0;
    for (long v : confusion[c]) {
      s += v;
    }
    return s;
  }

  private long predictedCount(int c) {
    long s = 0;
    for (int a = 0; a < numClasses; a++) {
      s += confusion[a][c];
    }
    return s;
  }

  private int checkClass(int c) {
    if (c < 0 || c >= numClasses) {
      throw new IllegalArgumentException("class " + c + " is out of range 0.." + (numClasses - 1));
    }
    return c;
  }
}
