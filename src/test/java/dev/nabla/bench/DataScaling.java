package dev.nabla.bench;

import dev.nabla.data.BlockSet;
import dev.nabla.data.DataReader;
import dev.nabla.data.Format;
import dev.nabla.data.ReadOptions;
import dev.nabla.data.Storage;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.Optimization;
import dev.nabla.train.StepEngine;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;

/**
 * Section 7 of the Spark benchmark, the data side of scaling (issue 14), in the benchmark's JVM and session:
 * <ol>
 *   <li>ingestion: Nabla's one-pass load of a HIGGS-shaped CSV next to Spark's own {@code spark.read.csv} (schema
 *       given) + {@code VectorAssembler} + {@code persist(MEMORY_AND_DISK)} + {@code count} of the same file,
 *       alternated, medians;</li>
 *   <li>bytes stored per row for each format and precision (HIGGS CSV float64 and float32, MNIST IDX, the sparse
 *       LIBSVM set) with the rows one GB of storage holds, next to what Spark's cached DataFrame of the same CSV
 *       takes;</li>
 *   <li>epoch throughput of a 28-64-64-2 ReLU network with the shards in memory and with them on local disk only
 *       ({@code DISK_ONLY}: every window's shards read from disk), after an untimed warm-up epoch.</li>
 * </ol>
 * The data sets are generated ({@link DataGen}, seeded) under {@code target/bench-data} when missing.
 */
final class DataScaling {
  private static final Path DIR = Path.of("target/bench-data");

  private DataScaling() {
  }

  static Section run(SparkSession spark, Path mnistDir, boolean quick, MedianTimer timer) throws IOException {
    long rows = quick ? 100_000 : 2_000_000;
    Path higgs = generate("higgs", rows, quick ? "higgs-100k.csv" : "higgs-2m.csv");
    Path sparse = generate("sparse", quick ? 5_000 : 50_000, quick ? "sparse-5k.libsvm" : "sparse-50k.libsvm");
    int partitions = spark.sparkContext().defaultParallelism();
    Section s = new Section("data_scaling", "7. Data: ingestion, bytes per row, epochs in memory and on disk",
        "measure", "Nabla", "Spark", "ratio");
    ReadOptions csv = ReadOptions.of(Format.CSV, true);

    int reps = quick ? 2 : 5;
    double[] nabla = new double[reps];
    double[] sparkReader = new double[reps];
    long sparkBytes = 0;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      BlockSet set = DataReader.load(spark, higgs.toString(), csv, partitions, Storage.defaults(), null);
      nabla[r] = (System.nanoTime() - t0) / 1e9;
      set.release();
      java.util.Set<Integer> before = cachedIds(spark);
      t0 = System.nanoTime();
      Dataset<Row> df = sparkCsv(spark, higgs);
      df.count();
      sparkReader[r] = (System.nanoTime() - t0) / 1e9;
      sparkBytes = cachedBytesSince(spark, before);
      df.unpersist(true);
    }
    double nablaS = median(nabla);
    double sparkS = median(sparkReader);
    s.row("load " + String.format("%,d", rows) + " CSV rows (s, median of " + reps + ")", Section.s(nablaS),
        Section.s(sparkS), String.format("%.2f", sparkS / nablaS));
    s.row("rows loaded per second", String.format("%,.0f", rows / nablaS), String.format("%,.0f", rows / sparkS), "");
    s.put("ingest_nabla_s", nablaS);
    s.put("ingest_spark_s", sparkS);
    s.put("ingest_rows", rows);

    BlockSet f64 = DataReader.load(spark, higgs.toString(), csv, partitions, Storage.defaults(), null);
    BlockSet f32 = DataReader.load(spark, higgs.toString(), csv, partitions, Storage.defaults().withFloat32(true), null);
    BlockSet lib = DataReader.load(spark, sparse.toString(), ReadOptions.of(Format.LIBSVM, true).withNumFeatures(200_000),
        partitions, Storage.defaults(), null);
    bytesRow(s, "HIGGS CSV, float64 (exact)", f64, (double) sparkBytes / rows);
    bytesRow(s, "HIGGS CSV, --storage-precision float32", f32, Double.NaN);
    bytesRow(s, "sparse LIBSVM (200,000 features, 40 non-zeros)", lib, Double.NaN);
    if (Files.isRegularFile(mnistDir.resolve(Mnist.TRAIN))) {
      BlockSet idx = DataReader.load(spark, mnistDir.resolve(Mnist.TRAIN).toString(), ReadOptions.of(Format.IDX, true),
          partitions, Storage.defaults(), null);
      bytesRow(s, "MNIST IDX (784 pixels)", idx, Double.NaN);
      idx.release();
    }
    f32.release();
    lib.release();

    BlockSet disk = DataReader.load(spark, higgs.toString(), csv, partitions, Storage.defaults().withDiskOnly(true),
        null);
    double inMemory = epochRate(spark, f64);
    double onDisk = epochRate(spark, disk);
    s.row("epoch, shards in memory (samples/s)", String.format("%,.0f", inMemory), "", "");
    s.row("epoch, shards on disk only (samples/s)", String.format("%,.0f", onDisk), "",
        String.format("%.2f of in memory", onDisk / inMemory));
    s.put("epoch_memory_per_s", inMemory);
    s.put("epoch_disk_per_s", onDisk);
    f64.release();
    disk.release();
    s.note("Spark: spark.read.schema(label + 28 doubles).csv + VectorAssembler + persist(MEMORY_AND_DISK) + count; "
        + "Nabla: DataReader.load (one pass: parse, pack, cache; the driver gets counts only). Ratio = Spark / Nabla "
        + "time (above 1: Nabla faster). Epochs: 28-64-64-2 ReLU, Adam, batch 128, window 64 MB, step stream, after "
        + "an untimed warm-up epoch.");
    return s;
  }

  private static void bytesRow(Section s, String what, BlockSet set, double sparkPerRow) {
    double perRow = set.bytesPerRow();
    s.row("bytes per row: " + what, String.format("%.1f", perRow),
        Double.isNaN(sparkPerRow) ? "" : String.format("%.1f", sparkPerRow),
        Double.isNaN(sparkPerRow) ? "" : String.format("%.2f", sparkPerRow / perRow));
    s.row("rows per GB of storage: " + what, String.format("%,.0f", 1e9 / perRow),
        Double.isNaN(sparkPerRow) ? "" : String.format("%,.0f", 1e9 / sparkPerRow), "");
    s.put("bytes_per_row_" + what.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(), perRow);
  }

  /** Samples per second of one timed epoch after an untimed one. */
  private static double epochRate(SparkSession spark, BlockSet set) {
    Topology t = Topology.of(new int[] {28, 64, 64, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    TrainSettings settings = new TrainSettings(t, Init.HE_NORMAL, 0.003, 128, 2, 1);
    List<EpochMetrics> epochs = new ArrayList<>();
    new Trainer(JavaSparkContext.fromSparkContext(spark.sparkContext())).stepEngine(StepEngine.STREAM)
        .diagnostics(false).fit(new TrainingSet(set), null, settings, Optimization.of("adam"), new TrainingListener() {
          @Override public void onEpoch(EpochMetrics m) {
            epochs.add(m);
          }
        });
    return epochs.get(epochs.size() - 1).samplesPerSecond();
  }

  private static Dataset<Row> sparkCsv(SparkSession spark, Path file) {
    StructType schema = new StructType().add("label", DataTypes.DoubleType);
    String[] features = new String[28];
    for (int j = 0; j < features.length; j++) {
      features[j] = "f" + j;
      schema = schema.add(features[j], DataTypes.DoubleType);
    }
    Dataset<Row> raw = spark.read().schema(schema).csv(file.toString());
    Dataset<Row> df = new VectorAssembler().setInputCols(features).setOutputCol("features").transform(raw)
        .select("label", "features");
    return df.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static java.util.Set<Integer> cachedIds(SparkSession spark) {
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      ids.add(info.id());
    }
    return ids;
  }

  /** Bytes (memory and disk) of the RDDs cached since {@code before} was taken: Spark's cached DataFrame. */
  private static long cachedBytesSince(SparkSession spark, java.util.Set<Integer> before) {
    long bytes = 0;
    for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
      if (!before.contains(info.id())) {
        bytes += info.memSize() + info.diskSize();
      }
    }
    return bytes;
  }

  private static Path generate(String kind, long rows, String name) throws IOException {
    Path out = DIR.resolve(name);
    if (!Files.isRegularFile(out)) {
      DataGen.writeFile(DataGen.Spec.parse(new String[] {kind, "--rows", Long.toString(rows), "--out",
          out.toString()}));
    }
    return out;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
