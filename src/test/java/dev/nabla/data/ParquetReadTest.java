package dev.nabla.data;

import static dev.nabla.data.TestFiles.assertDataError;
import static dev.nabla.data.TestFiles.byIndex;
import static dev.nabla.data.TestFiles.examples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.lit;

import dev.nabla.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReadTest extends SharedSpark {
  private static final ReadOptions CLASSES = ReadOptions.of(Format.PARQUET, true);
  private static final ReadOptions REGRESSION = ReadOptions.of(Format.PARQUET, false);

  @TempDir
  Path dir;

  private Dataset<Row> frame(DataType labelType, List<Row> rows) {
    StructType schema = new StructType().add("label", labelType, true).add("features", SQLDataTypes.VectorType(), true);
    return spark.createDataFrame(rows, schema);
  }

  /** Rows (label i % 3, features [i, -i, 0.5]) for i in [from, to). */
  private Dataset<Row> numbered(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(RowFactory.create((double) (i % 3), Vectors.dense(i, -i, 0.5)));
    }
    return frame(DataTypes.DoubleType, rows);
  }

  /** Writes {@code df} as one Parquet file and returns its path. */
  private String writeOne(Dataset<Row> df, String name) throws IOException {
    Path out = dir.resolve("tmp-" + name);
    df.coalesce(1).write().parquet(out.toString());
    try (Stream<Path> s = Files.list(out)) {
      Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      return Files.move(part, target).toString();
    }
  }

  private LoadedData read(String path, ReadOptions o, int minPartitions) {
    return DataReader.read(spark, path, o, minPartitions);
  }

  @Test
  void readsDenseAndSparseVectorsWithIntegerLabels() throws IOException {
    List<Row> rows = List.of(RowFactory.create(2, Vectors.dense(1, 0, 3)),
        RowFactory.create(0, Vectors.sparse(3, new int[] {1}, new double[] {-4})),
        RowFactory.create(1, Vectors.sparse(3, new int[] {}, new double[] {})));
    String path = writeOne(frame(DataTypes.IntegerType, rows), "ints.parquet");
    LoadedData d = read(path, CLASSES, 1);
    assertEquals(3, d.numFeatures());
    assertEquals(3, d.numTargets());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {1, 0, 3}, ex.get(0).features());
    assertArrayEquals(new double[] {2}, ex.get(0).target());
    assertArrayEquals(new double[] {0, -4, 0}, ex.get(1).features());
    assertArrayEquals(new double[] {0, 0, 0}, ex.get(2).features());
    assertArrayEquals(new double[] {1}, ex.get(2).target());
  }

  @Test
  void readsPartFilesInFileNameOrderWhateverTheirSizes() throws IOException {
    writeOne(numbered(0, 2), "parts/a.parquet");
    writeOne(numbered(2, 400), "parts/b.parquet");
    String path = dir.resolve("parts").toString();
    List<Example> ex = examples(read(path, CLASSES, 1));
    assertEquals(400, ex.size());
    for (int i = 0; i < 400; i++) {
      assertEquals(i, ex.get(i).features()[0], "row " + i);
    }
  }

  @Test
  void partitionCountDoesNotChangeTheExamples() throws IOException {
    String path = writeOne(numbered(0, 500), "many.parquet");
    LoadedData four = read(path, CLASSES, 4);
    assertTrue(four.examples().getNumPartitions() >= 4, "partitions: " + four.examples().getNumPartitions());
    assertEquals(examples(read(path, CLASSES, 1)), byIndex(four));
  }

  @Test
  void rejectsMissingColumnListingThosePresent() throws IOException {
    String path = writeOne(numbered(0, 2), "cols.parquet");
    assertDataError(() -> read(path, CLASSES.withLabelCol("y"), 1), path + ": no column 'y'",
        "columns present: label, features", "labelCol");
    assertDataError(() -> read(path, CLASSES.withFeaturesCol("x"), 1), path + ": no column 'x'", "featuresCol");
  }

  @Test
  void rejectsFeaturesColumnThatIsNotAVector() {
    Dataset<Row> df = spark.sql("SELECT 1.0 AS label, array(1.0D, 2.0D) AS features");
    assertDataError(() -> DataReader.fromDataFrame(df, CLASSES, "arr"), "arr: features column 'features' has type "
        + "array<double>", "ml.linalg.Vector");
    assertDataError(() -> DataReader.fromDataFrame(numbered(0, 1).withColumn("label", lit("cat")), CLASSES, "s"), "label column 'label' has type string");
  }

  @Test
  void rejectsNanNamingFileAndRow() throws IOException {
    List<Row> rows = List.of(RowFactory.create(1.0, Vectors.dense(1, 2)), RowFactory.create(0.0, Vectors.dense(3, 4)),
        RowFactory.create(1.0, Vectors.dense(5, Double.NaN)));
    String path = writeOne(frame(DataTypes.DoubleType, rows), "nan.parquet");
    assertDataError(() -> read(path, CLASSES, 1), path + " row 2: NaN in features[1] in 'features[0..1]=[5, NaN]'");
  }

  @Test
  void rejectsBadLabelsAndWrongVectorSize() {
    Dataset<Row> neg = frame(DataTypes.DoubleType, List.of(RowFactory.create(0.0, Vectors.dense(1)),
        RowFactory.create(-1.0, Vectors.dense(2))));
    assertDataError(() -> DataReader.fromDataFrame(neg, CLASSES, "neg"), "neg row 1: negative class label -1 in 'label=-1'");
    Dataset<Row> size = frame(DataTypes.DoubleType, List.of(RowFactory.create(0.0, Vectors.dense(1, 2)),
        RowFactory.create(1.0, Vectors.dense(2))));
    assertDataError(() -> DataReader.fromDataFrame(size, CLASSES, "size"), "size row 1: features have 1 values, expected 2");
    Dataset<Row> nulls = frame(DataTypes.DoubleType, List.of(RowFactory.create(0.0, Vectors.dense(1)),
        RowFactory.create(null, Vectors.dense(2))));
    assertDataError(() -> DataReader.fromDataFrame(nulls, REGRESSION, "nulls"), "nulls row 1: missing label");
  }

  @Test
  void vectorLabelGivesSeveralRegressionTargets() {
    StructType schema = new StructType().add("y", SQLDataTypes.VectorType()).add("x", SQLDataTypes.VectorType());
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), Vectors.dense(3)),
        RowFactory.create(Vectors.dense(4, 5), Vectors.dense(6))), schema);
    LoadedData d = DataReader.fromDataFrame(df, REGRESSION.withLabelCol("y").withFeaturesCol("x"), "vec");
    assertEquals(2, d.numTargets());
    assertEquals(1, d.numFeatures());
    assertArrayEquals(new double[] {4, 5}, examples(d).get(1).target());
    assertDataError(() -> DataReader.fromDataFrame(df, CLASSES.withLabelCol("y").withFeaturesCol("x"), "vec"),
        "vec: label column 'y' is a Vector, which only regression takes");
  }

  @Test
  void skipModeCountsBadRowsAndKeepsIndicesDense() {
    Dataset<Row> df = frame(DataTypes.DoubleType, List.of(RowFactory.create(0.0, Vectors.dense(1)),
        RowFactory.create(1.5, Vectors.dense(2)), RowFactory.create(1.0, Vectors.dense(3)),
        RowFactory.create(2.0, null), RowFactory.create(2.0, Vectors.dense(5))));
    LoadedData d = DataReader.fromDataFrame(df, CLASSES.withOnBadRow(OnBadRow.SKIP), "df");
    assertEquals(3, d.count());
    assertEquals(2, d.skipped());
    assertEquals(List.of("df row 1", "df row 3"), d.skippedSamples().stream().map(m -> m.split(":")[0]).toList());
    assertEquals(List.of(1.0, 3.0, 5.0), examples(d).stream().map(e -> e.features()[0]).toList());
    assertEquals(3, d.numTargets());
  }

  @Test
  void rejectsMissingPathAndEmptyInput() throws IOException {
    String missing = dir.resolve("none.parquet").toString();
    assertDataError(() -> read(missing, CLASSES, 1), "no such file: " + missing);
    String empty = writeOne(numbered(0, 0), "empty.parquet");
    assertDataError(() -> read(empty, CLASSES, 1), empty + ": no examples (empty file?)");
    Files.createDirectories(dir.resolve("emptydir"));
    String emptyDir = dir.resolve("emptydir").toString();
    assertDataError(() -> read(emptyDir, CLASSES, 1), emptyDir + ": no examples (empty file?)");
  }

  @Test
  void rejectsAFileThatIsNotParquetNamingTheCause() {
    String path = TestFiles.write(dir, "text.parquet", "hello, I am text\n");
    assertDataError(() -> read(path, CLASSES, 1), path + ": cannot read as Parquet (", "not a Parquet file",
        "check the path and the format");
  }

  @Test
  void fromDataFrameRequiresParquetOptions() {
    assertThrows(IllegalArgumentException.class,
        () -> DataReader.fromDataFrame(numbered(0, 1), ReadOptions.of(Format.CSV, true), "x"));
  }
}
