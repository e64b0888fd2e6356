package dev.nabla.data;

import static org.apache.spark.sql.functions.col;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rows of a DataFrame, one partition per DataFrame partition, record numbers = row positions. A Parquet
 * read is first put into file-name order: Spark packs file splits by size, so its natural row order is
 * not the files' order; sorting on the hidden {@code _metadata.file_path} and {@code _metadata.row_index}
 * (one range shuffle) makes the order, and so the indices, independent of Spark's file packing.
 */
final class FrameSource implements RowSource {
  private static final String FILE = "__nabla_file";
  private static final String ROW = "__nabla_row";

  private final String name;
  private final JavaRDD<Row> rows;
  private final FrameParser parser;

  private FrameSource(String name, JavaRDD<Row> rows, FrameParser parser) {
    this.name = name;
    this.rows = rows;
    this.parser = parser;
  }

  static LoadedData readParquet(SparkSession spark, String path, ReadOptions o, int minPartitions) {
    Dataset<Row> df = parquet(spark, path);
    FrameColumns c = FrameColumns.of(df, o, path);
    return assemble(new FrameSource(path, ordered(df, c, minPartitions).javaRDD(), parser(c, o)), c, o, minPartitions);
  }

  /** A Parquet path loaded for training (see {@link DataReader#load}); rows in file order, as {@link #readParquet}. */
  static BlockSet loadParquet(SparkSession spark, String path, ReadOptions o, int partitions, Storage storage,
      Boolean sparse) {
    Dataset<Row> df = parquet(spark, path);
    FrameColumns c = FrameColumns.of(df, o, path);
    return load(new FrameSource(path, ordered(df, c, partitions).javaRDD(), parser(c, o)), c, o, partitions, storage,
        sparse);
  }

  /** A DataFrame loaded for training, one shard per partition (see {@link DataReader#loadDataFrame}). */
  static BlockSet loadDataFrame(Dataset<Row> df, ReadOptions o, String sourceName, int partitions, Storage storage,
      Boolean sparse) {
    FrameColumns c = FrameColumns.of(df, o, sourceName);
    JavaRDD<Row> rows = df.select(c.label(), c.features()).javaRDD();
    return load(new FrameSource(sourceName, rows, parser(c, o)), c, o, partitions, storage, sparse);
  }

  private static BlockSet load(FrameSource source, FrameColumns c, ReadOptions o, int partitions, Storage storage,
      Boolean sparse) {
    ShardBuild build = new ShardBuild(o.onBadRow() == OnBadRow.SKIP, o.classification() ? 0 : c.numTargets(), 1.0,
        storage.float32(), storage.blockValues(), true);
    return BlockLoad.load(source.name(), DataReader.shards(source, build),
        new Assembler.Shape(c.numFeatures(), c.numTargets()), o, partitions, sparse);
  }

  private static Dataset<Row> parquet(SparkSession spark, String path) {
    InputFiles.requireExists(spark.sparkContext().hadoopConfiguration(), path);
    try {
      return spark.read().parquet(path);
    } catch (Exception e) { // AnalysisException reaches Java unchecked, through Scala
      String m = String.valueOf(e.getMessage());
      if (m.contains("UNABLE_TO_INFER_SCHEMA")) {
        throw new DataException(path + ": no examples (empty file?)");
      }
      throw new DataException(path + ": cannot read as Parquet (" + rootMessage(e) + "); check the path and the format",
          e);
    }
  }

  /** The label and features in file-name order (file, then row within the file), with the file and row columns. */
  private static Dataset<Row> ordered(Dataset<Row> df, FrameColumns c, int minPartitions) {
    int partitions = Math.max(minPartitions, df.javaRDD().getNumPartitions());
    return df.select(c.label(), c.features(), col("_metadata.file_path").as(FILE), col("_metadata.row_index").as(ROW))
        .repartitionByRange(partitions, col(FILE), col(ROW))
        .sortWithinPartitions(FILE, ROW);
  }

  static LoadedData fromDataFrame(Dataset<Row> df, ReadOptions o, String sourceName) {
    FrameColumns c = FrameColumns.of(df, o, sourceName);
    JavaRDD<Row> rows = df.select(c.label(), c.features()).javaRDD();
    return assemble(new FrameSource(sourceName, rows, parser(c, o)), c, o, 1);
  }

  /** The first line of the innermost cause's message, at most 200 characters. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  private static FrameParser parser(FrameColumns c, ReadOptions o) {
    return new FrameParser(c.vectorLabel(), c.numFeatures(), c.numTargets(), o.numFeatures() == 0, o.classification(),
        o.numClasses());
  }

  private static LoadedData assemble(FrameSource source, FrameColumns c, ReadOptions o, int minPartitions) {
    return Assembler.assemble(source, new Assembler.Shape(c.numFeatures(), c.numTargets()), o, minPartitions);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T> JavaRDD<T> mapPartitions(PartitionFunction<T> fn) {
    String name = this.name;
    FrameParser parser = this.parser;
    return rows.mapPartitionsWithIndex((p, it) -> fn.apply(p, new Origin(name, 0, p, false), new FrameRows(it, parser)),
        false);
  }

  /** A partition's rows; record numbers are 0-based positions in the partition. */
  private static final class FrameRows extends Rows {
    private final Iterator<Row> it;
    private final FrameParser parser;

    FrameRows(Iterator<Row> it, FrameParser parser) {
      this.it = it;
      this.parser = parser;
    }

    @Override
    protected Parsed advance() {
      return it.hasNext() ? parser.parse(it.next(), records++) : null;
    }
  }
}
