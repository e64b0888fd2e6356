package dev.nabla.cli;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.LoadedData;
import dev.nabla.data.PackedPartition;
import dev.nabla.data.Packing;
import dev.nabla.data.Splits;
import dev.nabla.model.FeatureStats;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.train.Seeds;
import dev.nabla.train.TrainingSet;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The data side of {@code nabla train}: reads the training data (and the validation data, or holds out a
 * seeded fraction), checks it against the layers, fits the scaling on the training rows only, and packs
 * both sets into cached column-major blocks.
 *
 * @param train the cached, packed training set
 * @param validation the packed validation set, or null
 * @param scaling fitted on the training rows (none: identity)
 * @param numClasses k for classification, 0 for regression
 * @param partitions partitions of both sets
 */
record TrainingData(TrainingSet train, TrainingSet validation, Scaling scaling, int numClasses, int partitions) {

  /** Reads, splits, scales and packs as the command and settings say. */
  static TrainingData prepare(SparkSession spark, JavaSparkContext sc, TrainCommand cmd, Settings settings) {
    int partitions = cmd.sparkOptions.partitions > 0 ? cmd.sparkOptions.partitions : sc.defaultParallelism();
    boolean classification = settings.task() == Task.CLASSIFICATION;
    sc.setJobDescription("nabla load " + cmd.train);
    LoadedData raw = DataReader.read(spark, cmd.train,
        cmd.data.read(classification, 0, cmd.model.numClasses), partitions);
    reportSkipped(cmd.train, raw);
    int numFeatures = raw.numFeatures();
    int numTargets = raw.numTargets();
    settings.checkAgainstData(numFeatures, numTargets);

    JavaRDD<Example> trainRows = raw.examples();
    JavaRDD<Example> valRows = null;
    if (cmd.validationFraction > 0) {
      long splitSeed = Seeds.split(settings.seed(), 3);
      valRows = Splits.split(raw.examples(), cmd.validationFraction, splitSeed, true);
      trainRows = Splits.split(raw.examples(), cmd.validationFraction, splitSeed, false);
    } else if (cmd.validation != null) {
      LoadedData v = DataReader.read(spark, cmd.validation,
          cmd.data.read(classification, numFeatures, classification ? numTargets : 0), partitions);
      reportSkipped(cmd.validation, v);
      valRows = v.examples();
    }
    trainRows = Splits.repartition(trainRows, partitions).persist(StorageLevel.MEMORY_AND_DISK());

    Scaling scaling = fitScaling(trainRows, numFeatures, settings.scaling());
    int numClasses = classification ? numTargets : 0;
    TrainingSet train = packed(trainRows, numFeatures, numClasses, numTargets, scaling, settings.task());
    trainRows.unpersist(false);
    if (train.rows() == 0) {
      throw new UsageException("--train " + cmd.train + ": no training rows left"
          + (cmd.validationFraction > 0 ? " after holding out --validation-fraction " + cmd.validationFraction : ""));
    }
    TrainingSet validation = valRows == null ? null
        : packed(Splits.repartition(valRows, partitions), numFeatures, numClasses, numTargets, scaling, settings.task());
    return new TrainingData(train, validation, scaling, numClasses, partitions);
  }

  /** Prints how many bad rows {@code --on-bad-row skip} dropped, with the first ones. */
  static void reportSkipped(String path, LoadedData d) {
    if (d.skipped() > 0) {
      System.out.println("skipped " + d.skipped() + " bad rows of " + path + " (--on-bad-row skip); first ones:");
      d.skippedSamples().forEach(s -> System.out.println("  " + s));
    }
  }

  private static TrainingSet packed(JavaRDD<Example> rows, int numFeatures, int numClasses, int numTargets,
      Scaling scaling, Task task) {
    JavaRDD<PackedPartition> blocks = Packing.pack(rows, numFeatures, numClasses, numTargets, scaling)
        .persist(StorageLevel.MEMORY_ONLY());
    long n = blocks.map(p -> (long) p.rows).fold(0L, Long::sum);
    return new TrainingSet(blocks, n, task, numClasses);
  }

  /** Per-feature statistics merged in partition order (deterministic), then the chosen scaling. */
  private static Scaling fitScaling(JavaRDD<Example> rows, int numFeatures, ScalingKind kind) {
    if (kind == ScalingKind.NONE) {
      return Scaling.none(numFeatures);
    }
    List<FeatureStats> parts = rows.mapPartitions(it -> {
      FeatureStats s = new FeatureStats(numFeatures);
      it.forEachRemaining(e -> s.add(e.features()));
      return List.of(s).iterator();
    }).collect();
    FeatureStats all = new FeatureStats(numFeatures);
    for (FeatureStats s : parts) {
      all.merge(s);
    }
    return all.toScaling(kind);
  }
}
