package dev.nabla.data;

import static dev.nabla.data.TestFiles.assertDataError;
import static dev.nabla.data.TestFiles.byIndex;
import static dev.nabla.data.TestFiles.examples;
import static dev.nabla.data.TestFiles.gzip;
import static dev.nabla.data.TestFiles.utf8;
import static dev.nabla.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReadTest extends SharedSpark {
  private static final ReadOptions CLASSES = ReadOptions.of(Format.LIBSVM, true);

  @TempDir
  Path dir;

  private LoadedData read(String path, ReadOptions o, int minPartitions) {
    return DataReader.read(spark, path, o, minPartitions);
  }

  /** n lines "label 1:i 3:-i" with label i % 3; line k (1-based) replaced where {@code bad} says. */
  private static String lines(int n, int badLine, String badText) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i + 1 == badLine ? badText : (i % 3) + " 1:" + i + " 3:-" + i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void readsValuesLabelsAndOrderInferringDimensions() {
    String path = write(dir, "a.txt", "# a comment\n1 1:0.5 4:2\n\n0 2:-1\n  2\t1:1e-3  3:7  \n");
    LoadedData d = read(path, CLASSES, 1);
    assertEquals(4, d.numFeatures());
    assertEquals(3, d.numTargets());
    assertEquals(3, d.count());
    assertEquals(0, d.skipped());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {0.5, 0, 0, 2}, ex.get(0).features());
    assertArrayEquals(new double[] {1}, ex.get(0).target());
    assertArrayEquals(new double[] {0, -1, 0, 0}, ex.get(1).features());
    assertArrayEquals(new double[] {0}, ex.get(1).target());
    assertArrayEquals(new double[] {1e-3, 0, 7, 0}, ex.get(2).features());
    assertArrayEquals(new double[] {2}, ex.get(2).target());
  }

  @Test
  void givenNumFeaturesSetsTheDimensionAndRegressionKeepsRealLabels() {
    String path = write(dir, "r.txt", "0.25 2:1\n-3.5 1:4\n");
    LoadedData d = read(path, ReadOptions.of(Format.LIBSVM, false).withNumFeatures(5), 1);
    assertEquals(5, d.numFeatures());
    assertEquals(1, d.numTargets());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {0, 1, 0, 0, 0}, ex.get(0).features());
    assertArrayEquals(new double[] {0.25}, ex.get(0).target());
    assertArrayEquals(new double[] {-3.5}, ex.get(1).target());
  }

  @Test
  void rejectsLibsvmIndexZero() {
    String path = write(dir, "z.txt", "1 1:1\n0 0:5 2:1\n");
    assertDataError(() -> read(path, CLASSES, 1), path + ":2: feature index 0 in '0 0:5 2:1'", "start at 1");
  }

  @Test
  void rejectsUnsortedIndex() {
    String path = write(dir, "u.txt", "1 3:1 2:1\n");
    assertDataError(() -> read(path, CLASSES, 1), path + ":1: index 2 after 3 in '1 3:1 2:1'", "increasing");
  }

  @Test
  void rejectsDuplicateIndex() {
    String path = write(dir, "d.txt", "1 2:1 2:3\n");
    assertDataError(() -> read(path, CLASSES, 1), path + ":1: duplicate index 2", "'1 2:1 2:3'");
  }

  @Test
  void rejectsIndexBeyondNumFeatures() {
    String path = write(dir, "b.txt", "1 2:1\n1 9:1\n");
    assertDataError(() -> read(path, CLASSES.withNumFeatures(8), 1), path + ":2: index 9 > numFeatures 8",
        "'1 9:1'", "at least 9");
  }

  @Test
  void rejectsUnparsableTokens() {
    String a = write(dir, "t1.txt", "1 2:1 3\n");
    assertDataError(() -> read(a, CLASSES, 1), a + ":1: token '3' is not index:value in '1 2:1 3'");
    String b = write(dir, "t2.txt", "1 2:x\n");
    assertDataError(() -> read(b, CLASSES, 1), b + ":1: unparsable value in '2:x'");
    String c = write(dir, "t3.txt", "one 2:1\n");
    assertDataError(() -> read(c, CLASSES, 1), c + ":1: unparsable label 'one'");
    String e = write(dir, "t4.txt", "1 -2:1\n");
    assertDataError(() -> read(e, CLASSES, 1), e + ":1: index in '-2:1' is not a non-negative integer");
  }

  @Test
  void rejectsNanAndInf() {
    String a = write(dir, "n.txt", "1 1:1\n1 1:nan\n");
    assertDataError(() -> read(a, CLASSES, 1), a + ":2: NaN at index 1 in '1 1:nan'", "NaN and Inf");
    String b = write(dir, "i.txt", "1 4:-Infinity\n");
    assertDataError(() -> read(b, CLASSES, 1), b + ":1: Inf at index 4 in '1 4:-Infinity'");
    String c = write(dir, "l.txt", "NaN 1:1\n");
    assertDataError(() -> read(c, ReadOptions.of(Format.LIBSVM, false), 1), c + ":1: NaN label in 'NaN 1:1'");
  }

  @Test
  void rejectsBadClassLabels() {
    String a = write(dir, "neg.txt", "+1 1:1\n-1 1:2\n");
    assertDataError(() -> read(a, CLASSES, 1), a + ":2: negative class label -1 in '-1 1:2'", "-1 -> 0");
    String b = write(dir, "frac.txt", "1.5 1:1\n");
    assertDataError(() -> read(b, CLASSES, 1), b + ":1: class label 1.5 is not an integer", "regression");
    String c = write(dir, "big.txt", "0 1:1\n3 1:1\n");
    assertDataError(() -> read(c, CLASSES.withNumClasses(3), 1), c + ":2: class label 3 >= numClasses 3 in '3 1:1'");
  }

  @Test
  void reportsExactLineNumbersInSplitsThatDoNotStartTheFile() {
    String path = write(dir, "big.txt", lines(3000, 2500, "1 1:1 1:2"));
    assertDataError(() -> read(path, CLASSES, 4), path + ":2500: duplicate index 1 in '1 1:1 1:2'");
  }

  @Test
  void reportsTheFirstBadRowInFileOrder() {
    String text = lines(3000, 2900, "1 0:1").replace("\n" + (299 % 3) + " 1:299 3:-299\n", "\n7 1:x\n");
    String path = write(dir, "two.txt", text);
    assertDataError(() -> read(path, CLASSES, 4), path + ":300: unparsable value in '1:x'");
  }

  @Test
  void skipModeDropsAndCountsBadRowsAndKeepsIndicesDense() {
    String path = write(dir, "s.txt", "0 1:1\n1 0:1\n1 2:2\n\n2 2:1 1:1\n0 1:nan\n1 1:3\n");
    LoadedData d = read(path, CLASSES.withOnBadRow(OnBadRow.SKIP), 1);
    assertEquals(3, d.count());
    assertEquals(3, d.skipped());
    assertEquals(List.of(path + ":2: feature index 0 in '1 0:1'", path + ":5: index 1 after 2 in '2 2:1 1:1'",
        path + ":6: NaN at index 1 in '0 1:nan'"), d.skippedSamples().stream().map(m -> m.split(";")[0]).toList());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {1, 0}, ex.get(0).features());
    assertArrayEquals(new double[] {0, 2}, ex.get(1).features());
    assertArrayEquals(new double[] {3, 0}, ex.get(2).features());
    assertEquals(2, d.numTargets());
  }

  @Test
  void skipModeKeepsFiveSamplesAcrossSplitsInFileOrder() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      sb.append(i % 100 == 0 ? "1 0:1" : "1 1:" + i).append('\n');
    }
    String path = write(dir, "many.txt", sb.toString());
    LoadedData d = read(path, CLASSES.withOnBadRow(OnBadRow.SKIP), 4);
    assertEquals(20, d.skipped());
    assertEquals(1980, d.count());
    assertEquals(List.of(":100:", ":200:", ":300:", ":400:", ":500:"),
        d.skippedSamples().stream().map(m -> m.substring(path.length(), m.indexOf(':', path.length() + 1) + 1)).toList());
    List<Example> ex = byIndex(d);
    assertEquals(1980, ex.size());
    assertEquals(101.0, ex.get(99).features()[0]);
    assertEquals(1999.0, ex.get(1979).features()[0]);
  }

  @Test
  void partitionCountDoesNotChangeTheExamples() {
    String path = write(dir, "p.txt", lines(1000, 0, ""));
    LoadedData one = read(path, CLASSES, 1);
    LoadedData five = read(path, CLASSES, 5);
    assertTrue(five.examples().getNumPartitions() >= 5, "partitions: " + five.examples().getNumPartitions());
    assertEquals(examples(one), examples(five));
    assertEquals(1000, one.count());
  }

  @Test
  void readsADirectoryOfPartFilesInFileNameOrder() {
    write(dir, "parts/part-00002", "2 1:3\n");
    write(dir, "parts/part-00000", "0 1:1\n");
    write(dir, "parts/part-00001", "1 1:2\n1 1:2.5\n");
    write(dir, "parts/_SUCCESS", "");
    write(dir, "parts/.notes", "junk");
    List<Example> ex = examples(read(dir.resolve("parts").toString(), CLASSES, 2));
    assertEquals(List.of(1.0, 2.0, 2.5, 3.0), ex.stream().map(e -> e.features()[0]).toList());
  }

  @Test
  void readsGzipTextAndSpreadsItOverMinPartitions() {
    String text = lines(300, 0, "");
    String plain = write(dir, "g.txt", text);
    String gz = write(dir, "g.txt.gz", gzip(utf8(text)));
    LoadedData d = read(gz, CLASSES, 3);
    assertEquals(3, d.examples().getNumPartitions());
    assertEquals(examples(read(plain, CLASSES, 1)), examples(d));
  }

  @Test
  void rejectsTruncatedGzipText() {
    byte[] gz = gzip(utf8(lines(5000, 0, "")));
    String path = write(dir, "cut.txt.gz", Arrays.copyOf(gz, gz.length / 2));
    assertDataError(() -> read(path, CLASSES, 1), path + ":", "truncated or corrupt gzip");
  }

  @Test
  void rejectsMissingPathAndEmptyInput() {
    String missing = dir.resolve("nope.txt").toString();
    assertDataError(() -> read(missing, CLASSES, 1), "no such file: " + missing);
    String empty = write(dir, "empty.txt", "\n# only a comment\n");
    assertDataError(() -> read(empty, CLASSES, 1), empty + ": no examples (empty file?)");
  }

  @Test
  void taskFailureFromAChangedInputIsFoundBehindTheSparkException() {
    String path = write(dir, "changing.txt", "1 1:1\n1 1:2\n");
    LoadedData d = read(path, CLASSES, 1);
    write(dir, "changing.txt", "1 1:1\n1 0:2\n");
    Exception e = assertThrows(Exception.class, () -> d.examples().collect());
    assertFalse(e instanceof DataException, "a task failure reaches the driver wrapped: " + e);
    String m = DataException.find(e).orElseThrow().getMessage();
    assertTrue(m.startsWith(path + ":2: feature index 0 in '1 0:2'"), m);
    assertTrue(m.contains("did the input change"), m);
    write(dir, "changing.txt", "1 1:1\n1 1:2\n1 1:3\n");
    Exception grown = assertThrows(Exception.class, () -> d.examples().collect());
    assertTrue(DataException.find(grown).orElseThrow().getMessage().contains(path + ": the input changed"), grown.toString());
  }

  @Test
  void failsWhenEverySkippedRowWasBad() {
    String path = write(dir, "allbad.txt", "1 0:1\n");
    assertDataError(() -> read(path, CLASSES.withOnBadRow(OnBadRow.SKIP), 1), path + ": no examples: all 1 rows were bad",
        "feature index 0");
  }
}
