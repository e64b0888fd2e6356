package dev.nabla.cli;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.LoadedData;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nabla predict}: a saved model's predictions for every row of a data set, as Parquet or CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes one row per input row: index (position in the input), label, prediction and,",
        "for classification, the probability of each class (columns p0..p{k-1})."})
final class PredictCommand implements Callable<Integer> {
  private static final int CHUNK = 1024;

  @Option(names = "--out", required = true, description = "Output directory (Spark writes part files).")
  String out;

  @Option(names = "--out-format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String outFormat;

  @Option(names = "--overwrite", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
      description = "Replace an existing output directory.")
  boolean overwrite;

  @Mixin SavedModelOptions saved;
  @Mixin DataOptions dataOptions;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try {
      return run();
    } finally {
      sparkOptions.stop();
    }
  }

  private int run() {
    String fmt = outFormat.toLowerCase(Locale.ROOT);
    if (!fmt.equals("parquet") && !fmt.equals("csv")) {
      throw new UsageException("--out-format: unknown format '" + outFormat + "': expected parquet or csv");
    }
    SparkSession spark = sparkOptions.session("nabla predict");
    Model m = saved.load(spark);
    int p = saved.partitions(spark);
    boolean classification = m.task() == Task.CLASSIFICATION;
    int nf = m.topology().inputSize();
    LoadedData d = DataReader.read(spark, saved.data, dataOptions.read(classification, nf, m.numClasses()), p);
    TrainingData.reportSkipped(saved.data, d);
    int k = m.topology().outputSize();
    JavaRDD<Row> rows = d.examples().mapPartitions(it -> predictPartition(m, it, nf, k));
    spark.createDataFrame(rows, schema(classification, k)).write()
        .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
        .option("header", "true")
        .format(fmt)
        .save(out);
    System.out.println("predictions of " + d.count() + " rows written to " + out);
    return ExitStatus.OK;
  }

  private static java.util.Iterator<Row> predictPartition(Model m, java.util.Iterator<Example> it, int nf, int k) {
    List<Row> result = new ArrayList<>();
    List<Example> chunk = new ArrayList<>(CHUNK);
    double[] x = new double[nf * CHUNK];
    while (it.hasNext()) {
      chunk.clear();
      while (it.hasNext() && chunk.size() < CHUNK) {
        chunk.add(it.next());
      }
      for (int c = 0; c < chunk.size(); c++) {
        System.arraycopy(chunk.get(c).features(), 0, x, c * nf, nf);
      }
      double[] outputs = m.predictRaw(x, chunk.size());
      double[] predictions = m.predictions(outputs, chunk.size());
      for (int c = 0; c < chunk.size(); c++) {
        Example e = chunk.get(c);
        Object[] values = new Object[m.task() == Task.CLASSIFICATION ? 3 + k : 3];
        values[0] = e.index();
        values[1] = e.target()[0];
        values[2] = predictions[c];
        if (m.task() == Task.CLASSIFICATION) {
          for (int j = 0; j < k; j++) {
            values[3 + j] = outputs[c * k + j];
          }
        }
        result.add(RowFactory.create(values));
      }
    }
    return result.iterator();
  }

  private static StructType schema(boolean classification, int k) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("index", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, false));
    if (classification) {
      for (int j = 0; j < k; j++) {
        f.add(DataTypes.createStructField("p" + j, DataTypes.DoubleType, false));
      }
    }
    return DataTypes.createStructType(f);
  }
}
