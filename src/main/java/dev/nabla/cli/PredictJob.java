package dev.nabla.cli;

import dev.nabla.data.DataReader;
import dev.nabla.data.LoadedData;
import dev.nabla.model.Model;
import dev.nabla.model.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code nabla predict} does: start Spark, load the model, refuse an existing output unless {@code --overwrite},
 * score every row in parallel ({@link ScoredRows}), and write Parquet (a directory of part files) or ONE CSV file
 * ({@link PredictionsCsv}).
 */
final class PredictJob {
  private PredictJob() {
  }

  static int run(PredictCommand cmd) {
    String fmt = cmd.outFormat.toLowerCase(Locale.ROOT);
    if (!fmt.equals("parquet") && !fmt.equals("csv")) {
      throw new UsageException("--out-format: unknown format '" + cmd.outFormat + "': expected parquet or csv");
    }
    try (ModelSession s = ModelSession.open(cmd.saved, cmd.sparkOptions, "nabla predict")) {
      Configuration hadoop = s.spark().sparkContext().hadoopConfiguration();
      refuseExisting(cmd.out, cmd.output.overwrite, hadoop);
      Model m = s.model();
      boolean classification = m.task() == Task.CLASSIFICATION;
      LoadedData d = DataReader.read(s.spark(), cmd.saved.data,
          cmd.dataOptions.read(classification, m.topology().inputSize(), m.numClasses()), s.partitions());
      TrainingData.reportSkipped(cmd.saved.data, d);
      JavaRDD<Object[]> scored = d.examples().mapPartitions(it -> new ScoredRows(m, it));
      List<String> columns = ScoredRows.columns(m);
      if (fmt.equals("csv")) {
        PredictionsCsv.write(scored.map(PredictJob::csvLine), String.join(",", columns), cmd.out,
            cmd.output.overwrite, hadoop);
      } else {
        s.spark().createDataFrame(scored.map(RowFactory::create), schema(columns, classification)).write()
            .mode(cmd.output.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
            .parquet(cmd.out);
      }
      System.out.println("predictions of " + d.count() + " rows written to " + cmd.out);
      return ExitStatus.OK;
    }
  }

  /** Refuses an existing output before any work, unless --overwrite. */
  private static void refuseExisting(String out, boolean overwrite, Configuration conf) {
    try {
      Path p = new Path(out);
      if (!overwrite && p.getFileSystem(conf).exists(p)) {
        throw new UsageException("--out: " + out + " already exists; pass --overwrite to replace it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("--out: cannot check " + out + ": " + e.getMessage(), e);
    }
  }

  /** One CSV line: the values as Java prints them (class indices as integers, 0.25, 1.0E-5), comma-separated. */
  static String csvLine(Object[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
    return b.toString();
  }

  private static StructType schema(List<String> columns, boolean classification) {
    List<StructField> f = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      DataType type = i == 0 ? DataTypes.LongType
          : i <= 2 && classification ? DataTypes.IntegerType : DataTypes.DoubleType;
      f.add(DataTypes.createStructField(columns.get(i), type, false));
    }
    return DataTypes.createStructType(f);
  }
}
