package dev.nabla.model;

import dev.nabla.nn.Network;
import dev.nabla.nn.Workspace;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition for {@link Model#transform}: pulls up to {@code batchSize} rows at a time, packs
 * their feature vectors into one column-major n_0 × batch matrix, runs one scaled forward pass, and
 * emits each input row with the prediction (and, for classification, the output activations)
 * appended. Lazy: at most one batch of rows is held in memory.
 */
final class BatchScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<Model> model;
  private final int featuresIndex;
  private final String featuresCol;
  private final int batchSize;

  BatchScorer(Broadcast<Model> model, int featuresIndex, String featuresCol, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("transform batch size is " + batchSize + "; it must be positive");
    }
    this.model = model;
    this.featuresIndex = featuresIndex;
    this.featuresCol = featuresCol;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Batches(model.value(), rows);
  }

  private final class Batches implements Iterator<Row> {
    private final Model m;
    private final Iterator<Row> rows;
    private final int n0;
    private final int nL;
    private final Row[] batch = new Row[batchSize];
    private final double[] x;
    private final double[] out;
    private final Workspace ws;
    private int size;
    private int next;
    private long seen;

    Batches(Model m, Iterator<Row> rows) {
      this.m = m;
      this.rows = rows;
      this.n0 = m.topology().inputSize();
      this.nL = m.topology().outputSize();
      this.x = new double[n0 * batchSize];
      this.out = new double[nL * batchSize];
      this.ws = new Network(m.topology()).newWorkspace(batchSize);
    }

    @Override
    public boolean hasNext() {
      if (next < size) {
        return true;
      }
      fill();
      return size > 0;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int c = next++;
      Row r = batch[c];
      batch[c] = null;
      boolean classification = m.task() == Task.CLASSIFICATION;
      Object[] values = new Object[r.size() + (classification ? 2 : 1)];
      for (int i = 0; i < r.size(); i++) {
        values[i] = r.get(i);
      }
      values[r.size()] = m.predictionOf(out, c);
      if (classification) {
        values[r.size() + 1] = Vectors.dense(Arrays.copyOfRange(out, c * nL, (c + 1) * nL));
      }
      return RowFactory.create(values);
    }

    private void fill() {
      size = 0;
      next = 0;
      while (size < batchSize && rows.hasNext()) {
        Row r = rows.next();
        seen++;
        pack(r.isNullAt(featuresIndex) ? null : (Vector) r.get(featuresIndex), size * n0);
        batch[size++] = r;
      }
      if (size > 0) {
        m.scaleAndForward(x, size, out, ws);
      }
    }

    private void pack(Vector v, int off) {
      if (v == null || v.size() != n0) {
        throw new IllegalArgumentException("partition " + TaskContext.getPartitionId() + ", row " + seen
            + ": column '" + featuresCol + "' holds " + (v == null ? "null" : "a vector of size " + v.size())
            + " but the model expects n_0 = " + n0 + " features; give every row the features the model was trained on");
      }
      if (v instanceof SparseVector sv) {
        Arrays.fill(x, off, off + n0, 0.0);
        int[] idx = sv.indices();
        double[] vals = sv.values();
        for (int i = 0; i < idx.length; i++) {
          x[off + idx[i]] = vals[i];
        }
      } else {
        System.arraycopy(v.toArray(), 0, x, off, n0);
      }
    }
  }
}
