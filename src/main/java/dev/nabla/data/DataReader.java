package dev.nabla.data;

import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads training data into {@link LoadedData}: validated {@link Example}s with dense global indices in
 * file order. Every failure caused by the input (missing or empty path, malformed file, bad row) is a
 * {@link DataException} with a one-line message; {@code read} throws it directly, never wrapped.
 *
 * <p>Passes over the input: LIBSVM, CSV and Parquet are read once here (counting and validating) and
 * again when the returned RDD is first computed; persist it. CSV also reads its first line on the
 * driver. IDX is read once, on the driver.
 */
public final class DataReader {
  private DataReader() {}

  /**
   * Reads {@code path} (a file, a directory of part files, or a glob, on any Hadoop file system).
   *
   * @param minPartitions the least number of partitions of {@link LoadedData#examples()} (fewer only when
   *     there are fewer examples); input that Hadoop cannot split, such as gzip text, is redistributed
   *     by index once
   * @throws DataException for any problem with the input; the message names the file, the line (or row)
   *     and the offending text
   * @throws IllegalArgumentException when {@code minPartitions < 1}
   */
  public static LoadedData read(SparkSession spark, String path, ReadOptions options, int minPartitions) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    if (minPartitions < 1) {
      throw new IllegalArgumentException("minPartitions must be >= 1; got " + minPartitions);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    switch (options.format()) {
      case LIBSVM: {
        List<FileStatus> files = InputFiles.list(conf, path);
        LineParser parser = new LibsvmParser(options.classification(), options.numClasses(), options.numFeatures());
        RowSource source = TextSource.open(spark, path, files, parser, minPartitions);
        return Assembler.assemble(source, new Assembler.Shape(options.numFeatures(), 1), options, minPartitions);
      }
      case CSV: {
        List<FileStatus> files = InputFiles.list(conf, path);
        CsvParser parser = CsvLayout.resolve(conf, path, files, options);
        RowSource source = TextSource.open(spark, path, files, parser, minPartitions);
        return Assembler.assemble(source, new Assembler.Shape(parser.numFeatures(), parser.numTargets()), options,
            minPartitions);
      }
      case IDX:
        return IdxReader.read(spark, path, options, minPartitions);
      case PARQUET:
        return FrameSource.readParquet(spark, path, options, minPartitions);
      default:
        throw new IllegalStateException("unhandled format " + options.format());
    }
  }

  /**
   * Reads a DataFrame with the PARQUET options ({@code labelCol}, {@code featuresCol}, dimensions,
   * classes, bad-row handling), keeping its partitioning and row order; messages name bad rows as
   * {@code <sourceName> row <i>}, i the 0-based position in the DataFrame.
   *
   * @throws DataException for a missing or mistyped column or a bad row
   * @throws IllegalArgumentException when {@code options.format()} is not PARQUET
   */
  public static LoadedData fromDataFrame(Dataset<Row> df, ReadOptions options, String sourceName) {
    Objects.requireNonNull(df, "df");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sourceName, "sourceName");
    if (options.format() != Format.PARQUET) {
      throw new IllegalArgumentException("fromDataFrame takes the parquet options (labelCol, featuresCol); got format "
          + options.format().cliName());
    }
    return FrameSource.fromDataFrame(df, options, sourceName);
  }
}
