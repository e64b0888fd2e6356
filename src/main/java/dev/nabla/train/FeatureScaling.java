package dev.nabla.train;

import dev.nabla.model.FeatureStats;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Fits a feature scaling on a training set's rows: one Spark job over its partitions, statistics merged in
 * partition order. Dense data gets {@link FeatureStats}' scaling; sparse data is scaled without centring (a
 * shift would make every zero non-zero): STANDARD divides each feature by its standard deviation over all rows,
 * zeros included, and MINMAX is refused. AUTO leaves data whose every value lies in [−1, 1] unscaled and standardizes
 * the rest ({@link ScalingKind#resolveAuto}); the returned scaling has the kind it chose.
 */
public final class FeatureScaling {
  private FeatureScaling() {
  }

  /** The scaling of the given kind fitted on every row of {@code set} as stored (its own scaling is not applied). */
  public static Scaling fit(TrainingSet set, ScalingKind kind) {
    int nf = set.data().numFeatures();
    if (kind == ScalingKind.NONE) {
      return Scaling.none(nf);
    }
    boolean sparse = set.data().sparse();
    if (sparse && kind == ScalingKind.MINMAX) {
      throw new IllegalArgumentException("--scale " + kind.cliName() + " would shift every feature, making the sparse "
          + "rows dense; use --scale standard (scales sparse data without centring) or none");
    }
    TrainingSet raw = new TrainingSet(set.data());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(set.data().groups().context());
    Broadcast<DataView> view = sc.broadcast(raw.view(java.util.UUID.randomUUID().toString()));
    try {
      if (sparse) {
        List<Moments> parts = set.data().groups().mapPartitions(it -> {
          Moments m = new Moments(nf);
          while (it.hasNext()) {
            FullPass.forEachRow(it.next(), view.value(), (block, row) -> {
              m.rows++;
              block.forEachFeature(row, m::add);
            });
          }
          return List.of(m).iterator();
        }).collect();
        Moments all = new Moments(nf);
        parts.forEach(all::merge);
        return kind == ScalingKind.AUTO && ScalingKind.resolveAuto(all.maxAbs) == ScalingKind.NONE ? Scaling.none(nf)
            : all.scaling();
      }
      List<FeatureStats> parts = set.data().groups().mapPartitions(it -> {
        FeatureStats s = new FeatureStats(nf);
        double[] x = new double[nf];
        while (it.hasNext()) {
          FullPass.forEachRow(it.next(), view.value(), (block, row) -> {
            block.denseRow(row, x, 0, nf, null);
            s.add(x, 0);
          });
        }
        return List.of(s).iterator();
      }).collect();
      FeatureStats all = new FeatureStats(nf);
      for (FeatureStats s : parts) {
        all.merge(s);
      }
      return all.toScaling(kind);
    } finally {
      view.destroy();
    }
  }

  /** Per-feature sums of values and squares over the stored non-zeros, and the row count. */
  private static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] sum;
    private final double[] squares;
    long rows;
    double maxAbs;

    Moments(int nf) {
      this.sum = new double[nf];
      this.squares = new double[nf];
    }

    void add(int j, double v) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
      sum[j] += v;
      squares[j] += v * v;
    }

    void merge(Moments o) {
      rows += o.rows;
      maxAbs = Math.max(maxAbs, o.maxAbs);
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o.sum[j];
        squares[j] += o.squares[j];
      }
    }

    /** Shift 0, factor 1/σ with σ² = E[x²] − E[x]² over all rows (1 where a feature does not vary). */
    Scaling scaling() {
      double[] shift = new double[sum.length];
      double[] factor = new double[sum.length];
      for (int j = 0; j < sum.length; j++) {
        double mean = sum[j] / rows;
        double var = Math.max(0, squares[j] / rows - mean * mean);
        double f = var > 0 ? 1 / Math.sqrt(var) : 1;
        factor[j] = Double.isFinite(f) ? f : 1;
      }
      return new Scaling(ScalingKind.STANDARD, shift, factor);
    }
  }
}
