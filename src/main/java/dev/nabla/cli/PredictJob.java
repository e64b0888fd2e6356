package dev.nabla.cli;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.LoadedData;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What {@code nabla predict} does: start Spark, load the model, score every row in chunks, write the rows. */
final class PredictJob {
  private static final int CHUNK = 1024;

  private PredictJob() {
  }

  static int run(PredictCommand cmd) {
    String fmt = cmd.outFormat.toLowerCase(Locale.ROOT);
    if (!fmt.equals("parquet") && !fmt.equals("csv")) {
      throw new UsageException("--out-format: unknown format '" + cmd.outFormat + "': expected parquet or csv");
    }
    try (ModelSession s = ModelSession.open(cmd.saved, cmd.sparkOptions, "nabla predict")) {
      Model m = s.model();
      boolean classification = m.task() == Task.CLASSIFICATION;
      int nf = m.topology().inputSize();
      LoadedData d = DataReader.read(s.spark(), cmd.saved.data,
          cmd.dataOptions.read(classification, nf, m.numClasses()), s.partitions());
      TrainingData.reportSkipped(cmd.saved.data, d);
      int k = m.topology().outputSize();
      JavaRDD<Row> rows = d.examples().mapPartitions(it -> predictPartition(m, it, nf, k));
      s.spark().createDataFrame(rows, schema(classification, k)).write()
          .mode(cmd.output.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
          .option("header", "true")
          .format(fmt)
          .save(cmd.out);
      System.out.println("predictions of " + d.count() + " rows written to " + cmd.out);
      return ExitStatus.OK;
    }
  }

  private static Iterator<Row> predictPartition(Model m, Iterator<Example> it, int nf, int k) {
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
