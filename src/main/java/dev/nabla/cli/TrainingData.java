package dev.nabla.cli;

import dev.nabla.data.BlockSet;
import dev.nabla.data.DataReader;
import dev.nabla.data.Layout;
import dev.nabla.data.Storage;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.train.FeatureScaling;
import dev.nabla.train.Seeds;
import dev.nabla.train.TrainingSet;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The data side of {@code nabla train}: loads the training data in one pass into cached blocks (and the
 * validation data, or a seeded hold-out view of the same blocks), checks it against the layers, and fits the
 * scaling on the training rows only (applied when batches are gathered).
 *
 * @param train the cached training set
 * @param validation the validation set, or null
 * @param scaling fitted on the training rows (none: identity)
 * @param numClasses k for classification, 0 for regression
 * @param partitions partitions of the training set
 */
record TrainingData(TrainingSet train, TrainingSet validation, Scaling scaling, int numClasses, int partitions,
    List<BlockSet> loaded) {

  /** Loads, splits and fits the scaling as the command and settings say. */
  static TrainingData prepare(SparkSession spark, JavaSparkContext sc, TrainCommand cmd, Settings settings) {
    int partitions = cmd.sparkOptions.partitions > 0 ? cmd.sparkOptions.partitions : sc.defaultParallelism();
    boolean classification = settings.task() == Task.CLASSIFICATION;
    Storage storage = Storage.defaults().withFloat32(cmd.compute.storeFloat32());
    Boolean sparse = cmd.compute.sparse();
    sc.setJobDescription("nabla load " + cmd.train);
    BlockSet all = DataReader.load(spark, cmd.train, cmd.data.read(classification, 0, cmd.model.numClasses), partitions,
        storage, sparse);
    reportSkipped(cmd.train, all.skipped(), all.skippedSamples());
    System.out.println("training data: " + all.describe());
    int numFeatures = all.numFeatures();
    int numTargets = all.numTargets();
    settings.checkAgainstData(numFeatures, numTargets);

    BlockSet trainRows = all;
    BlockSet valRows = null;
    BlockSet separate = null;
    if (cmd.validationFraction > 0) {
      long splitSeed = Seeds.split(settings.seed(), 3);
      valRows = all.view(new Layout.RowFilter(cmd.validationFraction, splitSeed, true));
      trainRows = all.view(new Layout.RowFilter(cmd.validationFraction, splitSeed, false));
    } else if (cmd.validation != null) {
      sc.setJobDescription("nabla load " + cmd.validation);
      separate = DataReader.load(spark, cmd.validation,
          cmd.data.read(classification, numFeatures, classification ? numTargets : 0), partitions, storage,
          all.sparse());
      reportSkipped(cmd.validation, separate.skipped(), separate.skippedSamples());
      valRows = separate;
    }
    List<BlockSet> loaded = separate == null ? List.of(all) : List.of(all, separate);
    if (trainRows.rows() == 0) {
      loaded.forEach(BlockSet::release);
      throw new UsageException("--train " + cmd.train + ": no training rows left"
          + (cmd.validationFraction > 0 ? " after holding out --validation-fraction " + cmd.validationFraction : ""));
    }
    sc.setJobDescription("nabla scaling " + cmd.train);
    Scaling scaling;
    try {
      // a scaling fitted on the training rows is not private: under DP-SGD auto scales nothing
      ScalingKind kind = settings.scaling() == ScalingKind.AUTO && settings.privacy() != null ? ScalingKind.NONE
          : settings.scaling();
      scaling = FeatureScaling.fit(new TrainingSet(trainRows), kind);
    } catch (IllegalArgumentException e) {
      loaded.forEach(BlockSet::release);
      throw new UsageException(e.getMessage());
    }
    if (settings.scaling() == ScalingKind.AUTO) {
      System.out.println("scaling: --scale auto chose " + scaling.kind().cliName() + (settings.privacy() != null
          ? " (DP-SGD: a scaling fitted on the training rows would not be private)"
          : scaling.kind() == ScalingKind.NONE ? " (every training value lies in [-1, 1])"
          : " (some training values lie outside [-1, 1])"));
    }
    if (trainRows.sparse() && scaling.kind() != ScalingKind.NONE) {
      System.out.println("scaling: the data is sparse, so standard scaling divides by each feature's standard "
          + "deviation without centring");
    }
    int numClasses = classification ? numTargets : 0;
    TrainingSet validation = valRows == null ? null : new TrainingSet(valRows, scaling);
    return new TrainingData(new TrainingSet(trainRows, scaling), validation, scaling, numClasses,
        trainRows.partitions(), loaded);
  }

  /** Drops the cached blocks. */
  void release() {
    loaded.forEach(BlockSet::release);
  }

  /** Prints how many bad rows {@code --on-bad-row skip} dropped from a read, with the first ones. */
  static void reportSkipped(String path, dev.nabla.data.LoadedData d) {
    reportSkipped(path, d.skipped(), d.skippedSamples());
  }

  /** Prints how many bad rows {@code --on-bad-row skip} dropped, with the first ones. */
  static void reportSkipped(String path, long skipped, List<String> samples) {
    if (skipped > 0) {
      System.out.println("skipped " + skipped + " bad rows of " + path + " (--on-bad-row skip); first ones:");
      samples.forEach(s -> System.out.println("  " + s));
    }
  }
}
