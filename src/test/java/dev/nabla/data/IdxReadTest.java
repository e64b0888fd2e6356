package dev.nabla.data;

import static dev.nabla.data.TestFiles.assertDataError;
import static dev.nabla.data.TestFiles.byIndex;
import static dev.nabla.data.TestFiles.examples;
import static dev.nabla.data.TestFiles.gzip;
import static dev.nabla.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.SharedSpark;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReadTest extends SharedSpark {
  private static final ReadOptions CLASSES = ReadOptions.of(Format.IDX, true);

  @TempDir
  Path dir;

  /** An idx3-ubyte file: magic 0x803, n, rows, cols, then image i's pixel j = (i * 10 + j) mod 256. */
  static byte[] images(int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols).putInt(IdxFile.IMAGES_MAGIC).putInt(n).putInt(rows)
        .putInt(cols);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < rows * cols; j++) {
        b.put((byte) (i * 10 + j));
      }
    }
    return b.array();
  }

  /** An idx1-ubyte file: magic 0x801, n, then the labels. */
  static byte[] labels(int... values) {
    ByteBuffer b = ByteBuffer.allocate(8 + values.length).putInt(IdxFile.LABELS_MAGIC).putInt(values.length);
    for (int v : values) {
      b.put((byte) v);
    }
    return b.array();
  }

  private LoadedData read(String path, ReadOptions o, int minPartitions) {
    return DataReader.read(spark, path, o, minPartitions);
  }

  @Test
  void readsPixelsScaledToUnitIntervalWithLabelsFromTheDerivedPath() {
    String path = write(dir, "train-images-idx3-ubyte", images(3, 2, 2));
    write(dir, "train-labels-idx1-ubyte", labels(7, 0, 255));
    LoadedData d = read(path, CLASSES, 1);
    assertEquals(4, d.numFeatures());
    assertEquals(256, d.numTargets());
    List<Example> ex = examples(d);
    assertArrayEquals(new double[] {0, 1 / 255.0, 2 / 255.0, 3 / 255.0}, ex.get(0).features());
    assertArrayEquals(new double[] {7}, ex.get(0).target());
    assertArrayEquals(new double[] {20 / 255.0, 21 / 255.0, 22 / 255.0, 23 / 255.0}, ex.get(2).features());
    assertArrayEquals(new double[] {255}, ex.get(2).target());
  }

  @Test
  void gzipFilesGiveTheSameExamplesAsPlainOnes() {
    String plain = write(dir, "plain/t10k-images-idx3-ubyte", images(5, 3, 3));
    write(dir, "plain/t10k-labels-idx1-ubyte", labels(1, 2, 3, 4, 5));
    String gz = write(dir, "gz/t10k-images-idx3-ubyte.gz", gzip(images(5, 3, 3)));
    write(dir, "gz/t10k-labels-idx1-ubyte.gz", gzip(labels(1, 2, 3, 4, 5)));
    assertEquals(examples(read(plain, CLASSES, 1)), examples(read(gz, CLASSES, 1)));
  }

  @Test
  void minPartitionsSplitsContiguouslyWithoutChangingExamples() {
    String path = write(dir, "x-images-idx3-ubyte", images(7, 2, 3));
    write(dir, "x-labels-idx1-ubyte", labels(0, 1, 2, 3, 4, 5, 6));
    LoadedData three = read(path, CLASSES.withNumClasses(10), 3);
    assertEquals(3, three.examples().getNumPartitions());
    assertEquals(10, three.numTargets());
    assertEquals(examples(read(path, CLASSES, 1)), examples(three));
  }

  /**
   * A partition object travels with every task of every job over the RDD and what is cached from it (each
   * training step): it must not carry the item numbers, the labels or the Hadoop configuration.
   */
  @Test
  void partitionsCarryNoItemsLabelsOrConfiguration() throws java.io.IOException {
    int n = 5000;
    int[] many = new int[n];
    for (int i = 0; i < n; i++) {
      many[i] = i % 10;
    }
    String path = write(dir, "big-images-idx3-ubyte", images(n, 2, 2));
    write(dir, "big-labels-idx1-ubyte", labels(many));
    LoadedData d = read(path, CLASSES, 2);
    for (org.apache.spark.Partition p : d.examples().rdd().partitions()) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(p);
      }
      assertTrue(bytes.size() < 2_000, "partition " + p.index() + " serializes to " + bytes.size() + " bytes");
    }
    assertEquals(n, examples(d).size());
  }

  @Test
  void explicitLabelsPathAndRegressionTargets() {
    String path = write(dir, "pics.idx", images(2, 1, 2));
    String lab = write(dir, "answers.idx", labels(3, 9));
    LoadedData d = read(path, ReadOptions.of(Format.IDX, false).withLabelsPath(lab), 1);
    assertEquals(1, d.numTargets());
    assertArrayEquals(new double[] {9}, examples(d).get(1).target());
  }

  @Test
  void rejectsBadMagicNumberNamingFileAndBothNumbers() {
    String labelsAsImages = write(dir, "a-images-idx3-ubyte", labels(1, 2));
    write(dir, "a-labels-idx1-ubyte", labels(1, 2));
    assertDataError(() -> read(labelsAsImages, CLASSES, 1),
        labelsAsImages + ": bad magic number 0x00000801, expected 0x00000803", "this is a labels file");
    String images = write(dir, "b-images-idx3-ubyte", images(2, 2, 2));
    String badLabels = write(dir, "b-labels-idx1-ubyte", new byte[] {0, 0, 9, 9, 0, 0, 0, 0});
    assertDataError(() -> read(images, CLASSES, 1), badLabels + ": bad magic number 0x00000909, expected 0x00000801");
  }

  @Test
  void rejectsTruncatedFile() {
    byte[] full = images(4, 2, 2);
    String path = write(dir, "c-images-idx3-ubyte", Arrays.copyOf(full, full.length - 3));
    write(dir, "c-labels-idx1-ubyte", labels(1, 2, 3, 4));
    assertDataError(() -> read(path, CLASSES, 1), path + ": truncated", "4 images of 2x2 (16 bytes)", "after 13");
    String header = write(dir, "h-images-idx3-ubyte", Arrays.copyOf(full, 6));
    write(dir, "h-labels-idx1-ubyte", labels(1));
    assertDataError(() -> read(header, CLASSES, 1), header + ": truncated: the file ends inside the header");
  }

  @Test
  void rejectsCountMismatchBetweenImagesAndLabels() {
    String path = write(dir, "d-images-idx3-ubyte", images(3, 2, 2));
    String lab = write(dir, "d-labels-idx1-ubyte", labels(1, 2));
    assertDataError(() -> read(path, CLASSES, 1), path + ": 3 images but " + lab + " has 2 labels");
  }

  @Test
  void rejectsTruncatedGzipNamingTheFile() {
    byte[] gz = gzip(images(50, 28, 28));
    String path = write(dir, "e-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length - 20));
    write(dir, "e-labels-idx1-ubyte.gz", gzip(labels(new int[50])));
    assertDataError(() -> read(path, CLASSES, 1), path + ": truncated or corrupt gzip",
        "Unexpected end of ZLIB input stream");
  }

  @Test
  void rejectsMissingDerivedLabelsFileAndUnderivableName() {
    String path = write(dir, "f-images-idx3-ubyte", images(1, 1, 1));
    assertDataError(() -> read(path, CLASSES, 1), "no such file: " + dir.resolve("f-labels-idx1-ubyte"),
        "set labelsPath");
    String odd = write(dir, "digits.bin", images(1, 1, 1));
    assertDataError(() -> read(odd, CLASSES, 1), odd + ": cannot derive the labels file", "images-idx3-ubyte");
  }

  @Test
  void rejectsLabelAtOrAboveNumClassesAndSkipsIt() {
    String path = write(dir, "g-images-idx3-ubyte", images(4, 1, 2));
    String lab = write(dir, "g-labels-idx1-ubyte", labels(1, 12, 3, 10));
    assertDataError(() -> read(path, CLASSES.withNumClasses(10), 1),
        lab + " item 1: class label 12 >= numClasses 10 in 'label 12'");
    LoadedData d = read(path, CLASSES.withNumClasses(10).withOnBadRow(OnBadRow.SKIP), 2);
    assertEquals(2, d.count());
    assertEquals(2, d.skipped());
    assertEquals(2, d.skippedSamples().size());
    List<Example> ex = byIndex(d);
    assertArrayEquals(new double[] {3}, ex.get(1).target());
    assertArrayEquals(new double[] {20 / 255.0, 21 / 255.0}, ex.get(1).features());
  }

  @Test
  void rejectsNumFeaturesOtherThanPixelCountAndEmptyFiles() {
    String path = write(dir, "k-images-idx3-ubyte", images(1, 2, 2));
    write(dir, "k-labels-idx1-ubyte", labels(1));
    assertDataError(() -> read(path, CLASSES.withNumFeatures(5), 1), "2x2 = 4 pixels but numFeatures=5");
    String none = write(dir, "z-images-idx3-ubyte", images(0, 2, 2));
    write(dir, "z-labels-idx1-ubyte", labels());
    assertDataError(() -> read(none, CLASSES, 1), none + ": no examples (empty file?)");
    String empty = write(dir, "y-images-idx3-ubyte", new byte[0]);
    write(dir, "y-labels-idx1-ubyte", labels());
    assertDataError(() -> read(empty, CLASSES, 1), empty + ": no examples (empty file?)");
  }
}
