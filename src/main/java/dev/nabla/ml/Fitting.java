package dev.nabla.ml;

import static org.apache.spark.sql.functions.col;

import dev.nabla.data.BlockSet;
import dev.nabla.data.DataReader;
import dev.nabla.data.Format;
import dev.nabla.data.ReadOptions;
import dev.nabla.data.Storage;
import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.report.ConsoleLog;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.TargetScalingKind;
import dev.nabla.train.TrainResult;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What {@code fit} does for both estimators, with the CLI's pieces: read and validate the label and
 * features columns and load them into cached blocks ({@link DataReader#loadDataFrame}, one shard per
 * DataFrame partition, trained in Spark's default parallelism), train ({@link Trainer}) and wrap the result in a
 * {@link Model} with its {@link Manifest}. No feature scaling is fitted here: in a Pipeline that is a
 * StandardScaler's job. Regression targets are standardized for training when {@code targetScaling} says so, and
 * folded back into the model ({@link dev.nabla.train.TargetScaling}), which predicts in the label's units. The
 * manifest's {@code train_loss} is the last epoch's MEAN loss per sample, in the label's units.
 */
final class Fitting {
  private Fitting() {
  }

  /**
   * Trains on {@code dataset}'s {@code labelCol} (class index 0..numClasses-1, or the regression
   * target) and {@code featuresCol} (ml.linalg Vectors).
   *
   * @param numClasses k ≥ 2 for classification, 0 for regression
   * @param targetScaling for regression: standardize the targets for training, or not; NONE for classification
   */
  static Model fit(Dataset<?> dataset, String labelCol, String featuresCol, Task task, int numClasses,
      NablaParams<?> p, TargetScalingKind targetScaling, String uid) {
    boolean classification = task == Task.CLASSIFICATION;
    Dataset<Row> df = dataset.select(col(labelCol).cast(DataTypes.DoubleType).as(labelCol), col(featuresCol));
    ReadOptions read = ReadOptions.of(Format.PARQUET, classification).withLabelCol(labelCol)
        .withFeaturesCol(featuresCol).withNumClasses(numClasses);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    BlockSet data = DataReader.loadDataFrame(df, read, uid + " (column '" + featuresCol + "')", sc.defaultParallelism(),
        Storage.defaults(), null);
    int outputs = classification ? numClasses : 1;
    Scaling none = Scaling.none(data.numFeatures());
    try {
      TrainingPlan plan = TrainingPlan.of(p, task, data.numFeatures(), outputs, targetScaling);
      TrainSettings s = plan.settings();
      TrainingListener listener = p.getVerbose() ? new ConsoleLog(System.out) : new TrainingListener() { };
      TrainResult r = new Trainer(sc).precision(dev.nabla.nn.Precision.parse(p.getPrecision()))
          .treeFanout(p.getTreeFanout()).float32Wire(p.getFloat32Wire())
          .fit(new TrainingSet(data), null, s, plan.optimization(), listener);
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (!r.history().isEmpty()) {
        metrics.put("train_loss", r.history().get(r.history().size() - 1).trainLoss());
      }
      Map<String, String> source = new LinkedHashMap<>();
      source.put("train", "DataFrame given to " + uid + ".fit (label '" + labelCol + "', features '" + featuresCol
          + "')");
      Manifest manifest = Manifest.create(s.topology(), task, classification ? numClasses : 0, ScalingKind.NONE,
          s.seed(), plan.hyperParameters(), source, r.trainingSeconds(), metrics,
          Map.of("epochs_run", Integer.toString(r.history().size()), "estimator", uid));
      return new Model(s.topology(), r.params(), none, task, classification ? numClasses : 0, manifest);
    } finally {
      data.release();
    }
  }
}
