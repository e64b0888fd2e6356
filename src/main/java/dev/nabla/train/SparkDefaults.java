package dev.nabla.train;

import dev.nabla.data.KryoRecords;
import org.apache.spark.SparkConf;

/**
 * The Spark settings Nabla's training step wants, applied only where the user set nothing: the
 * parameter broadcast is doubles, which LZ4 does not shrink, so compressing it only costs time on
 * both ends; gradient sums of up to 64 MB return in the task's status message instead of a
 * block-manager round trip; and with Kryo, records go through {@link KryoRecords}.
 */
public final class SparkDefaults {
  private SparkDefaults() {
  }

  /** Sets what is missing in {@code conf}; returns it. */
  public static SparkConf apply(SparkConf conf) {
    conf.setIfMissing("spark.broadcast.compress", "false");
    conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
    if (conf.get("spark.serializer", "").endsWith("KryoSerializer")) {
      String own = conf.get("spark.kryo.registrator", "");
      if (!own.contains(KryoRecords.class.getName())) {
        conf.set("spark.kryo.registrator", own.isEmpty() ? KryoRecords.class.getName()
            : own + "," + KryoRecords.class.getName());
      }
    }
    return conf;
  }
}
