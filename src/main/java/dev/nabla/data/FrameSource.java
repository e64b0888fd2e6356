package dev.nabla.data;

import static org.apache.spark.sql.functions.col;

import java.util.Iterator;
import java.util.List;
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
  /** Parquet read in Spark's own file packing: each file's rank in file-name order; null otherwise. */
  private final java.util.HashMap<String, Integer> ranks;

  private FrameSource(String name, JavaRDD<Row> rows, FrameParser parser) {
    this(name, rows, parser, null);
  }

  private FrameSource(String name, JavaRDD<Row> rows, FrameParser parser, java.util.HashMap<String, Integer> ranks) {
    this.name = name;
    this.rows = rows;
    this.parser = parser;
    this.ranks = ranks;
  }

  static LoadedData readParquet(SparkSession spark, String path, ReadOptions o, int minPartitions) {
    Dataset<Row> df = parquet(spark, path);
    FrameColumns c = FrameColumns.of(df, o, path);
    return assemble(new FrameSource(path, ordered(df, c, minPartitions).javaRDD(), parser(c, o)), c, o, minPartitions);
  }

  /**
   * A Parquet path loaded for training (see {@link DataReader#load}) without a shuffle: Spark's own file splits
   * become the shards, each row remembering its file and its row in it, so that the global indices are those of
   * file order, as {@link #readParquet}'s.
   */
  static BlockSet loadParquet(SparkSession spark, String path, ReadOptions o, int partitions, Storage storage,
      Boolean sparse) {
    Dataset<Row> df = parquet(spark, path);
    FrameColumns c = FrameColumns.of(df, o, path);
    java.util.HashMap<String, Integer> ranks = new java.util.HashMap<>();
    List<org.apache.hadoop.fs.FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), path);
    for (int i = 0; i < files.size(); i++) {
      ranks.put(files.get(i).getPath().toUri().getPath(), i);
    }
    Dataset<Row> located = df.select(c.label(), c.features(), col("_metadata.file_path").as(FILE),
        col("_metadata.row_index").as(ROW));
    return load(new FrameSource(path, located.javaRDD(), parser(c, o), ranks), c, o, partitions, storage, sparse);
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
        new Assembler.Shape(c.numFeatures(), c.numTargets()), o, partitions, storage, sparse);
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
    java.util.HashMap<String, Integer> ranks = this.ranks;
    return rows.mapPartitionsWithIndex((p, it) -> fn.apply(p, new Origin(name, 0, p, false),
        ranks == null ? new FrameRows(it, parser) : new FileRows(it, parser, ranks)), false);
  }

  /** A partition's rows; record numbers are 0-based positions in the partition. */
  private static class FrameRows extends Rows {
    private final Iterator<Row> it;
    private final FrameParser parser;

    FrameRows(Iterator<Row> it, FrameParser parser) {
      this.it = it;
      this.parser = parser;
    }

    @Override
    protected Parsed advance() {
      if (!it.hasNext()) {
        return null;
      }
      Row row = it.next();
      seen(row);
      return parser.parse(row, records++);
    }

    /** Called with each row before it is parsed. */
    void seen(Row row) {
    }
  }

  /**
   * Rows of Parquet splits as Spark packed them (several files' runs in one partition): each run of consecutive
   * rows of one file is a segment, whose origin is the file's rank and the run's first row index.
   */
  private static final class FileRows extends FrameRows {
    private final java.util.HashMap<String, Integer> ranks;
    private String file;
    private long next = -1;
    private Origin segment;

    FileRows(Iterator<Row> it, FrameParser parser, java.util.HashMap<String, Integer> ranks) {
      super(it, parser);
      this.ranks = ranks;
    }

    @Override void seen(Row row) {
      String path = row.getString(2);
      long index = row.getLong(3);
      if (!path.equals(file) || index != next) {
        String local = new org.apache.hadoop.fs.Path(java.net.URI.create(path)).toUri().getPath();
        Integer rank = ranks.get(local);
        if (rank == null) {
          throw new IllegalStateException("Spark read " + path + ", which was not listed");
        }
        segment = new Origin(InputFiles.display(new org.apache.hadoop.fs.Path(java.net.URI.create(path))), rank, index,
            false);
        file = path;
      }
      next = index + 1;
    }

    @Override Origin segment() {
      return segment;
    }
  }
}
