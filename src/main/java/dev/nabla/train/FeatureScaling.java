package dev.nabla.train;

import dev.nabla.model.FeatureStats;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Fits a feature scaling on a training set's rows: one Spark job, statistics merged in partition order. */
public final class FeatureScaling {
  private FeatureScaling() {
  }

  /** The scaling of the given kind fitted on every row of {@code set} as stored (its own scaling is not applied). */
  public static Scaling fit(TrainingSet set, ScalingKind kind) {
    int nf = set.data().numFeatures();
    if (kind == ScalingKind.NONE) {
      return Scaling.none(nf);
    }
    TrainingSet raw = new TrainingSet(set.data());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(set.data().groups().context());
    Broadcast<DataView> view = sc.broadcast(raw.view(java.util.UUID.randomUUID().toString()));
    try {
      List<FeatureStats> parts = set.data().groups().mapPartitions(it -> {
        FeatureStats s = new FeatureStats(nf);
        FullPass pass = new FullPass(view.value(), FullBatchJob.CHUNK);
        while (it.hasNext()) {
          pass.forEach(it.next(), k -> true, (x, y, cols) -> {
            for (int c = 0; c < cols; c++) {
              s.add(x, c * nf);
            }
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
}
