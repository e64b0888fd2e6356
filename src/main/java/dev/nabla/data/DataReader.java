package dev.nabla.data;

import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
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
   * Loads {@code path} for training, in one pass: every input partition packed into a cached {@link Shard} of
   * compact blocks ({@link BlockSet}), spilling to local disk when memory runs short. Errors as for {@link #read}.
   *
   * @param partitions the training partitions wanted (fewer only when there are fewer rows)
   * @param sparse null: gather sparse batches when the data's measured density is low; true/false: force
   */
  public static BlockSet load(SparkSession spark, String path, ReadOptions options, int partitions, Storage storage,
      Boolean sparse) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1; got " + partitions);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    boolean skip = options.onBadRow() == OnBadRow.SKIP;
    switch (options.format()) {
      case LIBSVM: {
        List<FileStatus> files = InputFiles.list(conf, path);
        LineParser parser = new LibsvmParser(options.classification(), options.numClasses(), options.numFeatures());
        RowSource source = TextSource.fixedSplits(spark, path, files, parser, storage.shardBytes(bytes(files)));
        ShardBuild build = new ShardBuild(skip, options.classification() ? 0 : 1, 1.0, storage.float32(),
            storage.blockValues(), true);
        return BlockLoad.load(path, shards(source, build), new Assembler.Shape(options.numFeatures(), 1), options,
            partitions, storage, sparse);
      }
      case CSV: {
        List<FileStatus> files = InputFiles.list(conf, path);
        CsvParser parser = CsvLayout.resolve(conf, path, files, options);
        RowSource source = TextSource.fixedSplits(spark, path, files, parser, storage.shardBytes(bytes(files)));
        ShardBuild build = new ShardBuild(skip, options.classification() ? 0 : parser.numTargets(), 1.0,
            storage.float32(), storage.blockValues(), false);
        return BlockLoad.load(path, shards(source, build), new Assembler.Shape(parser.numFeatures(),
            parser.numTargets()), options, partitions, storage, sparse);
      }
      case IDX:
        return IdxReader.load(spark, path, options, partitions, storage, sparse);
      case PARQUET:
        return FrameSource.loadParquet(spark, path, options, partitions, storage, sparse);
      default:
        throw new IllegalStateException("unhandled format " + options.format());
    }
  }

  /**
   * Loads a DataFrame for training with the PARQUET options, one shard per DataFrame partition (in its order);
   * errors and messages as for {@link #fromDataFrame}.
   */
  public static BlockSet loadDataFrame(Dataset<Row> df, ReadOptions options, String sourceName, int partitions,
      Storage storage, Boolean sparse) {
    Objects.requireNonNull(df, "df");
    Objects.requireNonNull(options, "options");
    if (options.format() != Format.PARQUET) {
      throw new IllegalArgumentException("loadDataFrame takes the parquet options (labelCol, featuresCol); got format "
          + options.format().cliName());
    }
    return FrameSource.loadDataFrame(df, options, sourceName, partitions, storage, sparse);
  }

  /**
   * Loads examples that are already in memory or computed (tests, benchmarks), one shard and one training partition
   * per partition of {@code rows}; each partition's examples must be consecutive in index order, and the
   * partitions in index order too. Classification targets are {@code {classIndex}}.
   *
   * @param numTargets classification: the number of classes; regression: targets per example
   */
  public static BlockSet loadExamples(JavaRDD<Example> rows, String name, int numFeatures, int numTargets,
      boolean classification, Storage storage) {
    ShardBuild build = new ShardBuild(false, classification ? 0 : numTargets, 1.0, storage.float32(),
        storage.blockValues(), false);
    JavaRDD<Shard> shards = rows.mapPartitionsWithIndex((p, it) -> {
      java.util.List<Example> part = new java.util.ArrayList<>();
      it.forEachRemaining(part::add);
      long start = part.isEmpty() ? Long.MAX_VALUE : part.get(0).index();
      Origin origin = new Origin(name, 0, start, false);
      Rows r = new Rows() {
        private int k;

        @Override protected Parsed advance() {
          if (k == part.size()) {
            return null;
          }
          Example e = part.get(k++);
          records++;
          return ParsedRow.dense(e.features(), e.target());
        }
      };
      return java.util.List.of(build.build(origin, r)).iterator();
    }, true);
    ReadOptions o = ReadOptions.of(Format.LIBSVM, classification).withNumClasses(classification ? numTargets : 0);
    return BlockLoad.load(name, shards, new Assembler.Shape(numFeatures, numTargets), o, rows.getNumPartitions(),
        storage, false);
  }

  private static long bytes(List<FileStatus> files) {
    long n = 0;
    for (FileStatus f : files) {
      n += f.getLen();
    }
    return n;
  }

  /** One shard per partition of the source. */
  static JavaRDD<Shard> shards(RowSource source, ShardBuild build) {
    return source.mapPartitions((p, origin, rows) -> List.of(build.build(origin, rows)).iterator());
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
