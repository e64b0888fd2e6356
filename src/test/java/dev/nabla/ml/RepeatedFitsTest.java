package dev.nabla.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Many fits in one JVM (what a CrossValidator does) leave nothing behind: each fit releases its cached blocks, its
 * broadcasts and (with them) the executors' per-partition state, so the heap retained after a full GC stays flat.
 */
class RepeatedFitsTest extends SharedSpark {
  private static final int FITS = 20;

  private static long retainedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  /** Bytes of live double[] after a full GC, from the JVM's class histogram (HotSpot's diagnostic command). */
  private static long liveDoubleArrayBytes() {
    try {
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {null}, new String[] {String[].class.getName()});
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+\\[D(\\s|$)")
          .matcher(histogram);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("no class histogram: " + e, e);
    }
  }

  @Test
  void twentyFitsLeaveTheRetainedHeapFlat() {
    Dataset<Row> data = new VectorAssembler().setInputCols(MlData.COLUMNS).setOutputCol("features")
        .transform(MlData.blobs(spark, 3000, 1)).select("label", "features").cache();
    data.count();
    // 20,000 hidden units: 140,003 parameters, 1.1 MB per array of them (θ, gradients, Adam's moments, the tasks'
    // SUMS and workspaces), so leaving any per-run array behind would show as a megabyte or more per fit; what is left
    // is Spark's own bookkeeping of the jobs (about 0.15 MB per fit here).
    NablaClassifier nabla = new NablaClassifier().setHiddenLayers(new int[] {20_000}).setOptimizer("adam")
        .setBatchSize(100).setEpochs(1).setSeed(3);
    long[] retained = new long[FITS + 1];
    long[] doubles = new long[FITS + 1];
    for (int i = 1; i <= FITS; i++) {
      nabla.fit(data);
      if (i == 5 || i == FITS) {
        retained[i] = retainedAfterGc();
        doubles[i] = liveDoubleArrayBytes();
      }
    }
    double perFit = (retained[FITS] - retained[5]) / (double) (FITS - 5);
    System.out.printf(Locale.ROOT, "retained heap after GC: %.1f MB after 5 fits, %.1f MB after %d (%.0f bytes per fit; "
        + "double[] %.2f MB, then %.2f MB)%n", retained[5] / 1e6, retained[FITS] / 1e6, FITS, perFit, doubles[5] / 1e6,
        doubles[FITS] / 1e6);
    assertTrue(doubles[FITS] - doubles[5] < 8L * 140_003, "double[] bytes grew from " + doubles[5] + " to "
        + doubles[FITS] + ": a run left an array of its parameters' size behind");
    assertTrue(perFit < 800_000, "retained heap grows by " + perFit + " bytes per fit");
    data.unpersist();
  }
}
