package dev.nabla.train;

import dev.nabla.data.PackedPartition;
import dev.nabla.model.Task;
import org.apache.spark.api.java.JavaRDD;

/**
 * Packed, cached rows for training or evaluation.
 *
 * @param blocks one {@link PackedPartition} per partition, persisted by the caller
 * @param rows N, the number of rows
 * @param task classification (targets one-hot of length numClasses) or regression
 * @param numClasses k for classification, 0 for regression
 */
public record TrainingSet(JavaRDD<PackedPartition> blocks, long rows, Task task, int numClasses) {
}
