package dev.nabla.data;

import static dev.nabla.data.TestFiles.assertDataError;
import static dev.nabla.data.TestFiles.byIndex;
import static dev.nabla.data.TestFiles.examples;
import static dev.nabla.data.TestFiles.gzip;
import static dev.nabla.data.TestFiles.utf8;
import static dev.nabla.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadTest extends SharedSpark {
  private static final ReadOptions CLASSES = ReadOptions.of(Format.CSV, true);
  private static final ReadOptions REGRESSION = ReadOptions.of(Format.CSV, false);

  @TempDir
  Path dir;

  private LoadedData read(String path, ReadOptions o) {
    return DataReader.read(spark, path, o, 2);
  }

  @Test
  void readsHeaderAndLabelByName() {
    String path = write(dir, "h.csv", "\uFEFFx1, y ,x2\n0.5,1,2\n\n-1,0,3e2\n");
    LoadedData d = read(path, CLASSES.withHeader(true).withLabelCol("y"));
    assertEquals(2, d.numFeatures());
    assertEquals(2, d.numTargets());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {0.5, 2}, ex.get(0).features());
    assertArrayEquals(new double[] {1}, ex.get(0).target());
    assertArrayEquals(new double[] {-1, 300}, ex.get(1).features());
    assertArrayEquals(new double[] {0}, ex.get(1).target());
  }

  @Test
  void labelDefaultsToColumnZeroAndIndexSelectsAnother() {
    String path = write(dir, "n.csv", "3,1,2\n0,4,5\n");
    List<Example> first = examples(read(path, CLASSES));
    assertArrayEquals(new double[] {1, 2}, first.get(0).features());
    assertArrayEquals(new double[] {3}, first.get(0).target());
    LoadedData byIndex = read(path, REGRESSION.withLabelCol("2"));
    assertEquals(1, byIndex.numTargets());
    List<Example> last = examples(byIndex);
    assertArrayEquals(new double[] {3, 1}, last.get(0).features());
    assertArrayEquals(new double[] {5}, last.get(1).target());
  }

  @Test
  void severalLabelColumnsGiveRegressionTargetsInTheOrderGiven() {
    String path = write(dir, "m.csv", "a,y1,b,y2\n1,2,3,4\n5,6,7,8\n");
    LoadedData d = read(path, REGRESSION.withHeader(true).withLabelCol("y2,y1"));
    assertEquals(2, d.numTargets());
    assertEquals(2, d.numFeatures());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {1, 3}, ex.get(0).features());
    assertArrayEquals(new double[] {4, 2}, ex.get(0).target());
    assertArrayEquals(new double[] {8, 6}, ex.get(1).target());
  }

  @Test
  void rejectsRaggedRowSayingExpectedAndGot() {
    String path = write(dir, "r.csv", "1,2,3\n1,2\n");
    assertDataError(() -> read(path, CLASSES), path + ":2: expected 3 fields, got 2 in '1,2'", "first row");
  }

  @Test
  void rejectsLabelNameMissingFromHeaderListingTheNames() {
    String path = write(dir, "l.csv", "a,b,c\n1,2,3\n");
    assertDataError(() -> read(path, CLASSES.withHeader(true).withLabelCol("label")),
        path + ":1: no column 'label' in the header", "columns: a, b, c");
  }

  @Test
  void rejectsLabelNameAFileWithoutHeaderLacksAndIndexOutOfRange() {
    String path = write(dir, "i.csv", "1,2,3\n");
    assertDataError(() -> read(path, CLASSES.withLabelCol("y")), path + ":1: no column 'y' in the header (a "
        + "--label-col name means line 1 is the header); columns: 1, 2, 3");
    assertDataError(() -> read(path, CLASSES.withLabelCol("3")), "labelCol index 3 is out of range", "indices 0..2");
  }

  @Test
  void rejectsNonNumericToken() {
    String path = write(dir, "t.csv", "x,y\n1,2\n1,\"2\"\n");
    assertDataError(() -> read(path, CLASSES.withHeader(true)),
        path + ":3: non-numeric value '\"2\"' in column 1 ('y') in '1,\"2\"'", "no quotes");
  }

  @Test
  void rejectsNanAndInf() {
    String a = write(dir, "nan.csv", "1,2\n0,NaN\n");
    assertDataError(() -> read(a, CLASSES), a + ":2: NaN in column 1 in '0,NaN'", "NaN and Inf");
    String b = write(dir, "inf.csv", "1,2\n0,1e999\n");
    assertDataError(() -> read(b, CLASSES), b + ":2: Inf in column 1 in '0,1e999'");
  }

  @Test
  void rejectsBadClassLabel() {
    String path = write(dir, "c.csv", "1,2\n-2,3\n");
    assertDataError(() -> read(path, CLASSES), path + ":2: negative class label -2 in column 0 in '-2,3'");
  }

  @Test
  void nonNumericFirstLineWithoutHeaderSuggestsTheHeaderFlag() {
    String path = write(dir, "nh.csv", "label,x\n1,2\n");
    assertDataError(() -> read(path, CLASSES), path + ":1: non-numeric value 'label' in column 0 in 'label,x'",
        "pass --header (header=true in a config file)");
  }

  @Test
  void aLabelColumnByNameImpliesTheHeader() {
    ReadOptions named = CLASSES.withLabelCol("y");
    assertEquals(true, named.header(), "a name can only come from a header");
    assertEquals(false, CLASSES.withLabelCol("1").header(), "an index does not imply one");
    String path = write(dir, "implied.csv", "x1,y\n0.5,1\n2,0\n");
    List<Example> ex = examples(read(path, named));
    assertEquals(2, ex.size());
    assertArrayEquals(new double[] {0.5}, ex.get(0).features());
    assertArrayEquals(new double[] {1}, ex.get(0).target());
  }

  @Test
  void rejectsPartFileWithDifferentHeader() {
    write(dir, "parts/part-0.csv", "y,x\n1,2\n");
    String other = write(dir, "parts/part-1.csv", "y,z\n0,3\n");
    assertDataError(() -> read(dir.resolve("parts").toString(), CLASSES.withHeader(true)),
        other + ":1: header differs from the first file's in 'y,z'", "y,x");
  }

  @Test
  void readsPartFilesWithHeadersInFileNameOrder() {
    write(dir, "hp/b.csv", "y,x\n1,3\n0,4\n");
    write(dir, "hp/a.csv", "y,x\n1,1\n1,2\n");
    List<Example> ex = examples(read(dir.resolve("hp").toString(), CLASSES.withHeader(true)));
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0), ex.stream().map(e -> e.features()[0]).toList());
  }

  @Test
  void rejectsNumFeaturesThatDisagreesWithTheColumns() {
    String path = write(dir, "nf.csv", "1,2,3\n");
    assertDataError(() -> read(path, CLASSES.withNumFeatures(3)), path + ":1: rows have 2 feature columns",
        "numFeatures=3");
  }

  @Test
  void skipModeCountsBadRowsAndKeepsIndicesDense() {
    String path = write(dir, "s.csv", "y,x\n1,1\n1\n0,2\n1,x\n2,nan\n1,3\n");
    LoadedData d = read(path, CLASSES.withHeader(true).withOnBadRow(OnBadRow.SKIP));
    assertEquals(3, d.count());
    assertEquals(3, d.skipped());
    assertEquals(List.of(path + ":3", path + ":5", path + ":6"),
        d.skippedSamples().stream().map(m -> m.substring(0, m.indexOf(": "))).toList());
    assertEquals(List.of(1.0, 2.0, 3.0), examples(d).stream().map(e -> e.features()[0]).toList());
  }

  @Test
  void gzipCsvGivesTheSameExamplesAsPlain() {
    StringBuilder sb = new StringBuilder("y,a,b\n");
    for (int i = 0; i < 200; i++) {
      sb.append(i % 4).append(',').append(i).append(',').append(i * 0.5).append('\n');
    }
    String plain = write(dir, "p.csv", sb.toString());
    String gz = write(dir, "p.csv.gz", gzip(utf8(sb.toString())));
    ReadOptions o = CLASSES.withHeader(true).withLabelCol("y");
    LoadedData fromGz = DataReader.read(spark, gz, o, 4);
    assertEquals(4, fromGz.examples().getNumPartitions());
    assertEquals(4, fromGz.numTargets());
    assertEquals(byIndex(DataReader.read(spark, plain, o, 1)), byIndex(fromGz));
  }

  @Test
  void rejectsEmptyFileAndBlankHeader() {
    String empty = write(dir, "e.csv", "");
    assertDataError(() -> read(empty, CLASSES), empty + ": no examples (empty file?)");
    String blank = write(dir, "bh.csv", "\n1,2\n");
    assertDataError(() -> read(blank, CLASSES.withHeader(true)), blank + ":1: header line is blank");
    String headerOnly = write(dir, "ho.csv", "y,x\n");
    assertDataError(() -> read(headerOnly, CLASSES.withHeader(true)), headerOnly + ": no examples (empty file?)");
  }
}
