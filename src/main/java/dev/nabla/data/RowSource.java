package dev.nabla.data;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;

/**
 * A partitioned input that parses its records on the executors. Each call of {@link #mapPartitions}
 * reads the input again, with the same partitions and the same rows in the same order.
 */
interface RowSource {

  /** Runs {@code fn} over every partition's parsed rows; lazy, like any RDD transformation. */
  <T> JavaRDD<T> mapPartitions(PartitionFunction<T> fn);

  /** The input's name as given by the caller (a path or a source name), for messages. */
  String name();

  /** What is done with one partition: its index, where it comes from, and its rows. */
  @FunctionalInterface
  interface PartitionFunction<T> extends Serializable {
    Iterator<T> apply(int partition, Origin origin, Rows rows);
  }
}
