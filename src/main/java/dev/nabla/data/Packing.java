package dev.nabla.data;

import dev.nabla.model.Scaling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Packs {@link Example}s into one {@link PackedPartition} per Spark partition: features scaled, and
 * classification labels expanded to one-hot targets.
 */
public final class Packing {
  private Packing() {
  }

  /**
   * @param numFeatures the dimension every example has
   * @param numClasses for classification, the number of classes k (targets become one-hot of length k);
   *     0 for regression (targets copied as they are)
   * @param numTargets the target length for regression (ignored for classification)
   */
  public static JavaRDD<PackedPartition> pack(JavaRDD<Example> examples, int numFeatures, int numClasses,
      int numTargets, Scaling scaling) {
    return examples.mapPartitions(it -> Collections.singletonList(
        packPartition(it, numFeatures, numClasses, numTargets, scaling)).iterator(), true);
  }

  /** Packs one partition's examples (see {@link #pack}). */
  public static PackedPartition packPartition(Iterator<Example> it, int numFeatures, int numClasses,
      int numTargets, Scaling scaling) {
    List<Example> rows = new ArrayList<>();
    it.forEachRemaining(rows::add);
    int n = rows.size();
    int nt = numClasses > 0 ? numClasses : numTargets;
    long cells = (long) numFeatures * n;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("a partition holds " + n + " rows × " + numFeatures
          + " features, more than one array can; use more partitions (--partitions)");
    }
    double[] x = new double[(int) cells];
    double[] y = new double[nt * n];
    long[] index = new long[n];
    for (int r = 0; r < n; r++) {
      Example e = rows.get(r);
      System.arraycopy(e.features(), 0, x, r * numFeatures, numFeatures);
      if (numClasses > 0) {
        y[r * nt + (int) e.target()[0]] = 1.0;
      } else {
        System.arraycopy(e.target(), 0, y, r * nt, nt);
      }
      index[r] = e.index();
    }
    if (scaling != null) {
      scaling.applyToColumns(x, numFeatures, n);
    }
    return new PackedPartition(numFeatures, nt, n, x, y, index);
  }
}
