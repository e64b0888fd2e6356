package dev.nabla.cli;

import dev.nabla.data.Example;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A partition's predictions, scored {@value #CHUNK} rows at a time through one forward pass each and handed out
 * row by row, so a partition never holds more than one chunk: per row {@code index} (long), {@code label} and
 * {@code prediction} (int class indices for classification, doubles for regression) and, for classification, the
 * class probabilities {@code p0..p{k-1}} (doubles).
 */
final class ScoredRows implements Iterator<Object[]> {
  static final int CHUNK = 1024;
  private final Model model;
  private final Iterator<Example> input;
  private final boolean classification;
  private final int nf;
  private final int k;
  private final double[] x;
  private final List<Object[]> chunk = new ArrayList<>(CHUNK);
  private int next;

  ScoredRows(Model model, Iterator<Example> input) {
    this.model = model;
    this.input = input;
    this.classification = model.task() == Task.CLASSIFICATION;
    this.nf = model.topology().inputSize();
    this.k = model.topology().outputSize();
    this.x = new double[nf * CHUNK];
  }

  /** The column names, in the order of a row's values. */
  static List<String> columns(Model model) {
    List<String> names = new ArrayList<>(List.of("index", "label", "prediction"));
    if (model.task() == Task.CLASSIFICATION) {
      for (int j = 0; j < model.topology().outputSize(); j++) {
        names.add("p" + j);
      }
    }
    return names;
  }

  @Override
  public boolean hasNext() {
    if (next < chunk.size()) {
      return true;
    }
    chunk.clear();
    next = 0;
    List<Example> rows = new ArrayList<>(CHUNK);
    while (input.hasNext() && rows.size() < CHUNK) {
      rows.add(input.next());
    }
    if (rows.isEmpty()) {
      return false;
    }
    for (int c = 0; c < rows.size(); c++) {
      System.arraycopy(rows.get(c).features(), 0, x, c * nf, nf);
    }
    double[] outputs = model.predictRaw(x, rows.size());
    double[] predictions = model.predictions(outputs, rows.size());
    for (int c = 0; c < rows.size(); c++) {
      chunk.add(row(rows.get(c), predictions[c], outputs, c));
    }
    return true;
  }

  private Object[] row(Example e, double prediction, double[] outputs, int c) {
    Object[] values = new Object[classification ? 3 + k : 3];
    values[0] = e.index();
    values[1] = classification ? (Object) (int) e.target()[0] : (Object) e.target()[0];
    values[2] = classification ? (Object) (int) prediction : (Object) prediction;
    if (classification) {
      for (int j = 0; j < k; j++) {
        values[3 + j] = outputs[c * k + j];
      }
    }
    return values;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return chunk.get(next++);
  }
}
