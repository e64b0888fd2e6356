package dev.nabla.data;

import static dev.nabla.data.TestFiles.assertDataError;
import static dev.nabla.data.TestFiles.byIndex;
import static dev.nabla.data.TestFiles.gzip;
import static dev.nabla.data.TestFiles.utf8;
import static dev.nabla.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.block.Block;
import dev.nabla.data.block.Values;
import dev.nabla.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Loading for training ({@link DataReader#load}): one pass into cached shards of compact blocks, with the same rows,
 * indices and errors as the two-pass reader, whatever the splits and block sizes.
 */
class BlockLoadTest extends SharedSpark {
  /** Tiny shards (64 bytes of text) and blocks (7 values), so that a small file has many of both. */
  private static final Storage TINY = new Storage(false, 64, 7, false);
  private static final ReadOptions CLASSES = ReadOptions.of(Format.LIBSVM, true);

  @TempDir
  Path dir;

  /** Every row of the view by its view index: the dense features, then the label (or the targets). */
  static Map<Long, double[]> rows(BlockSet set) {
    Layout layout = set.layout();
    int nf = set.numFeatures();
    int nt = set.classification() ? 1 : set.numTargets();
    List<Tuple2<Long, double[]>> all = set.groups().flatMap(g -> {
      List<Tuple2<Long, double[]>> out = new ArrayList<>();
      for (int i = 0; i < g.slices(); i++) {
        Shard s = g.load(i);
        layout.forEachMember(g.shardOf(i), g.from(i), g.to(i), (b, r, k) -> {
          Block block = s.blocks().get(b);
          double[] x = new double[nf + nt];
          block.denseRow(r, x, 0, nf, null);
          if (block.hasLabels()) {
            x[nf] = block.label(r);
          } else {
            block.targets(r, x, nf);
          }
          out.add(new Tuple2<>(k, x));
        });
      }
      return out.iterator();
    }).collect();
    Map<Long, double[]> byIndex = new TreeMap<>();
    for (Tuple2<Long, double[]> t : all) {
      assertEquals(null, byIndex.put(t._1(), t._2()), "view index " + t._1() + " given twice");
    }
    return byIndex;
  }

  /** The rows a two-pass read gives, in the same form. */
  private Map<Long, double[]> expected(String path, ReadOptions o) {
    Map<Long, double[]> out = new TreeMap<>();
    for (Example e : byIndex(DataReader.read(spark, path, o, 3))) {
      double[] x = java.util.Arrays.copyOf(e.features(), e.features().length + e.target().length);
      System.arraycopy(e.target(), 0, x, e.features().length, e.target().length);
      out.put(e.index(), x);
    }
    return out;
  }

  private static void assertSameRows(Map<Long, double[]> expected, Map<Long, double[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), "row " + k));
  }

  private static String libsvm(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i % 3).append(" 1:").append(i).append(" 4:-0.").append(i).append('\n');
      if (i % 7 == 0) {
        sb.append("\n# a comment\n");
      }
    }
    return sb.toString();
  }

  @Test
  void loadsTheSameRowsAsTheTwoPassReaderWhateverTheSplitsAndBlocks() {
    String path = write(dir, "a.txt", libsvm(60));
    for (int partitions : new int[] {1, 2, 5}) {
      BlockSet set = DataReader.load(spark, path, CLASSES, partitions, TINY, null);
      assertEquals(60, set.rows());
      assertEquals(4, set.numFeatures());
      assertEquals(3, set.numTargets());
      assertEquals(partitions, set.partitions());
      assertTrue(set.layout().shards() > 5, "64-byte splits: " + set.layout().shards() + " shards");
      assertSameRows(expected(path, CLASSES), rows(set));
      set.release();
    }
    StringBuilder csv = new StringBuilder("y,a,b\n");
    for (int i = 0; i < 40; i++) {
      csv.append(String.format(Locale.ROOT, "%.3f,%d,%.5f%n", i * 0.25, i, -i / 7.0));
    }
    String csvPath = write(dir, "b.csv", csv.toString());
    ReadOptions reg = ReadOptions.of(Format.CSV, false).withHeader(true);
    BlockSet set = DataReader.load(spark, csvPath, reg, 3, TINY, null);
    assertFalse(set.sparse());
    assertSameRows(expected(csvPath, reg), rows(set));
    set.release();
  }

  @Test
  void reportsTheFirstBadRowInFileOrderWithItsExactLineAcrossSplits() {
    String text = libsvm(60).replace("5 1:35 4:-0.35", "5 1:35 4:-0.35").replace("2 1:38 4:-0.38", "2 1:38 4:x");
    String path = write(dir, "bad.txt", text.replace("1 1:40 4:-0.40", "1 0:40"));
    int line = 1 + (int) text.lines().takeWhile(l -> !l.startsWith("2 1:38")).count();
    assertDataError(() -> DataReader.load(spark, path, CLASSES, 2, TINY, null), path + ":" + line + ": ",
        "unparsable value in '4:x'");
  }

  @Test
  void skipModeDropsCountsAndReportsTheFirstBadRows() {
    String path = write(dir, "skip.txt", "0 1:1\nbad\n1 2:2\n2 0:3\n1 1:4\n");
    BlockSet set = DataReader.load(spark, path, CLASSES.withOnBadRow(OnBadRow.SKIP), 2, TINY, null);
    assertEquals(3, set.rows());
    assertEquals(2, set.skipped());
    assertEquals(2, set.skippedSamples().size());
    assertTrue(set.skippedSamples().get(0).startsWith(path + ":2: "), set.skippedSamples().get(0));
    assertTrue(set.skippedSamples().get(1).startsWith(path + ":4: "), set.skippedSamples().get(1));
    set.release();
  }

  @Test
  void rowsOnlyBeyondNumFeaturesAreBadRowsNamedByLine() {
    String path = write(dir, "wide.txt", "0 5:1\n1 6:1\n");
    assertDataError(() -> DataReader.load(spark, path, CLASSES.withNumFeatures(3), 1, TINY, null),
        path + ":1: index 5 > numFeatures 3");
    assertDataError(() -> DataReader.load(spark, path, CLASSES.withNumFeatures(3).withOnBadRow(OnBadRow.SKIP), 1,
        TINY, null), path + ": no examples: all 2 rows were bad");
  }

  @Test
  void aSplitWithoutRowsGivesAnEmptyShardThatTrainsNothing() {
    String path = write(dir, "gap.txt", "0 1:1\n" + "\n".repeat(300) + "1 2:2\n");
    BlockSet set = DataReader.load(spark, path, CLASSES, 2, TINY, null);
    assertEquals(2, set.rows());
    assertTrue(set.layout().shards() >= 4, "blank lines fill several splits");
    long empty = 0;
    for (int s = 0; s < set.layout().shards(); s++) {
      empty += set.layout().shardRows(s) == 0 ? 1 : 0;
    }
    assertTrue(empty > 0, "some shards hold no rows");
    assertSameRows(expected(path, CLASSES), rows(set));
    set.release();
  }

  @Test
  void sparseRowsStaySparseAndDenseDataIsGatheredDense() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append(i % 2).append(' ').append(1 + i).append(":1 ").append(100 + i).append(":0.5\n");
    }
    String path = write(dir, "sparse.txt", sb.toString());
    BlockSet set = DataReader.load(spark, path, CLASSES.withNumFeatures(1000), 2, Storage.defaults(), null);
    assertTrue(set.sparse(), "density " + set.density());
    assertEquals(0.002, set.density(), 1e-12);
    assertTrue(set.bytesPerRow() < 30, "CSR: 2 values and indices per row, " + set.bytesPerRow() + " bytes");
    assertFalse(DataReader.load(spark, path, CLASSES.withNumFeatures(1000), 2, Storage.defaults(), false).sparse(),
        "forced dense");
    set.release();
  }

  @Test
  void unsplittableInputIsCutIntoRowRangesForThePartitions() {
    String path = write(dir, "one.txt.gz", gzip(utf8(libsvm(30))));
    BlockSet set = DataReader.load(spark, path, CLASSES, 3, TINY, null);
    assertEquals(1, set.layout().shards());
    assertEquals(3, set.partitions());
    assertSameRows(expected(path, CLASSES), rows(set));
    set.release();
  }

  @Test
  void holdOutViewsShareTheShardsAndIndexTheirRowsDensely() {
    String path = write(dir, "split.txt", libsvm(200));
    BlockSet all = DataReader.load(spark, path, CLASSES, 3, TINY, null);
    Map<Long, double[]> every = rows(all);
    BlockSet held = all.view(new Layout.RowFilter(0.3, 17, true));
    BlockSet kept = all.view(new Layout.RowFilter(0.3, 17, false));
    assertEquals(200, held.rows() + kept.rows());
    assertTrue(held.rows() > 30 && held.rows() < 90, "about 30% held out: " + held.rows());
    Map<Long, double[]> h = rows(held);
    Map<Long, double[]> k = rows(kept);
    assertEquals(held.rows(), h.size());
    assertEquals(kept.rows(), k.size());
    int hi = 0;
    int ki = 0;
    for (long i = 0; i < 200; i++) {
      boolean isHeld = Layout.RowFilter.unit(17, i) < 0.3;
      assertArrayEquals(every.get(i), isHeld ? h.get((long) hi++) : k.get((long) ki++), "row " + i);
    }
    all.release();
  }

  @Test
  void idxPixelsAreStoredAsBytes() throws IOException {
    byte[] images = new byte[16 + 5 * 4];
    images[2] = 8;
    images[3] = 3;
    images[7] = 5;
    images[11] = 2;
    images[15] = 2;
    for (int i = 16; i < images.length; i++) {
      images[i] = (byte) (i * 37);
    }
    byte[] labels = {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 0, 1, 2};
    write(dir, "t-images-idx3-ubyte", images);
    write(dir, "t-labels-idx1-ubyte", labels);
    String path = dir.resolve("t-images-idx3-ubyte").toString();
    ReadOptions idx = ReadOptions.of(Format.IDX, true);
    BlockSet set = DataReader.load(spark, path, idx, 2, Storage.defaults(), null);
    assertEquals(Values.Encoding.U8, set.encoding());
    assertEquals(4 + 4, set.bytesPerRow(), 1e-9, "4 pixel bytes and a 4-byte label per row");
    assertSameRows(expected(path, idx), rows(set));
    set.release();
  }

  @Test
  void parquetColumnsMixingDenseAndSparseVectorsLoad() throws IOException {
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      data.add(RowFactory.create((double) (i % 2), i % 3 == 0 ? Vectors.dense(i, 0, -1, 0)
          : Vectors.sparse(4, new int[] {1, 3}, new double[] {i, 0.5})));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
    Dataset<Row> df = spark.createDataFrame(data, schema);
    Path out = dir.resolve("mixed.parquet");
    df.coalesce(1).write().parquet(out.toString());
    String path;
    try (Stream<Path> s = Files.list(out)) {
      path = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow().toString();
    }
    ReadOptions o = ReadOptions.of(Format.PARQUET, true);
    BlockSet set = DataReader.load(spark, path, o, 2, TINY, null);
    assertSameRows(expected(path, o), rows(set));
    set.release();
  }
}
