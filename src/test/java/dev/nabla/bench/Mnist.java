package dev.nabla.bench;

import dev.nabla.data.DataReader;
import dev.nabla.data.Example;
import dev.nabla.data.Format;
import dev.nabla.data.LoadedData;
import dev.nabla.data.ReadOptions;
import dev.nabla.data.Storage;
import dev.nabla.train.TrainingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * MNIST for the benchmarks, read the way Nabla reads it ({@link DataReader}, format IDX: pixels / 255,
 * labels 0..9), optionally cut to its first rows, in a fixed number of partitions. The same examples
 * become a Nabla {@link TrainingSet} (packed, cached) or an MLlib DataFrame (label, dense
 * {@code ml.linalg} features; cached). Each file is read once and its examples cached; everything
 * returned here is already materialised, so that loading never falls inside a timed region.
 */
final class Mnist {
  static final int FEATURES = 784;
  static final int CLASSES = 10;
  static final String TRAIN = "train-images-idx3-ubyte";
  static final String TEST = "t10k-images-idx3-ubyte";

  private final SparkSession spark;
  private final Path dir;
  private final int partitions;
  private final Map<String, LoadedData> files = new HashMap<>();

  /** Checks that the four IDX files are in {@code dir} (fails with the fix otherwise). */
  Mnist(SparkSession spark, Path dir, int partitions) {
    for (String f : List.of(TRAIN, "train-labels-idx1-ubyte", TEST, "t10k-labels-idx1-ubyte")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalArgumentException("MNIST file " + dir.resolve(f) + " is missing; run "
            + "submit-scripts/fetch-mnist.sh " + dir + " (or pass --data DIR)");
      }
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions = " + partitions + ": must be >= 1");
    }
    this.spark = spark;
    this.dir = dir;
    this.partitions = partitions;
  }

  /**
   * The first {@code rows} examples of an images file (all of them when rows ≥ its count), not cached, in
   * {@code partitions} contiguous index ranges of sizes within one row of each other, each sorted by index.
   */
  JavaRDD<Example> examples(String imagesFile, int rows) {
    LoadedData data = read(imagesFile);
    long n = Math.min(rows, data.count());
    return data.examples().filter(e -> e.index() < n)
        .mapToPair(e -> new Tuple2<>(e.index(), e))
        .repartitionAndSortWithinPartitions(new Ranges(partitions, n))
        .values();
  }

  /** The whole file, read once and cached (every data set of the benchmark is cut from it). */
  private LoadedData read(String imagesFile) {
    return files.computeIfAbsent(imagesFile, f -> {
      ReadOptions options = ReadOptions.of(Format.IDX, true).withNumClasses(CLASSES);
      LoadedData d = DataReader.read(spark, dir.resolve(f).toString(), options, partitions);
      d.examples().persist(StorageLevel.MEMORY_ONLY());
      return d;
    });
  }

  /** Drops the cached files (the data sets cut from them stay cached until their owners unpersist them). */
  void close() {
    files.values().forEach(d -> d.examples().unpersist(false));
    files.clear();
  }

  /**
   * The shuffle window of the benchmark's runs: one window over each set. The benchmark's sets are float64 copies
   * (pixels / 255 as {@link dev.nabla.data.Example}s, 6.3 kB a row: 376 MB for MNIST) in one shard per partition,
   * so the default 64 MB window would hold one shard, and every step's rows would come from one partition (one
   * busy task); {@code nabla train} reads the IDX pixels as bytes (47 MB: one window).
   */
  static final long WINDOW = 1L << 32;

  /**
   * Packed and cached for Nabla; the rows per partition are counted, so the blocks are materialised.
   *
   * @throws IllegalStateException when the partitions differ by more than one row
   */
  TrainingSet trainingSet(String imagesFile, int rows) {
    long n = Math.min(rows, read(imagesFile).count());
    return new TrainingSet(DataReader.loadExamples(examples(imagesFile, rows), "bench " + imagesFile + " first " + n,
        FEATURES, CLASSES, true, Storage.defaults()));
  }

  /** Index i of n to partition ⌊i·P/n⌋: P contiguous ranges, balanced within one row. */
  private static final class Ranges extends org.apache.spark.Partitioner {
    private static final long serialVersionUID = 1L;
    private final int parts;
    private final long n;

    Ranges(int parts, long n) {
      this.parts = parts;
      this.n = n;
    }

    @Override public int numPartitions() {
      return parts;
    }

    @Override public int getPartition(Object key) {
      return (int) ((Long) key * parts / n);
    }
  }

  /** Columns {@code label} (double) and {@code features} (dense ml.linalg vector), cached and counted. */
  Dataset<Row> frame(String imagesFile, int rows) {
    JavaRDD<Row> rowRdd = examples(imagesFile, rows)
        .map(e -> RowFactory.create(e.target()[0], Vectors.dense(e.features())));
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
    Dataset<Row> df = spark.createDataFrame(rowRdd, schema).persist(StorageLevel.MEMORY_ONLY());
    df.count();
    return df;
  }

  /** All rows of one partition on the driver, packed (for single-threaded simulations). */
  LocalRows local(String imagesFile, int rows) {
    List<Example> list = new ArrayList<>(examples(imagesFile, rows).collect());
    list.sort((a, b) -> Long.compare(a.index(), b.index()));
    return LocalRows.of(list, FEATURES, CLASSES);
  }
}
