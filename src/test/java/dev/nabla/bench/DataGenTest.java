package dev.nabla.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark data generators: byte-identical per seed, the documented shape, balanced, learnable. */
class DataGenTest {
  private static final Pattern HIGGS_ROW = Pattern.compile("[01](,-?[01]\\.\\d{5}){28}");
  private static final Pattern SPARSE_PAIR = Pattern.compile("[1-9]\\d*:\\d\\.\\d{4}");

  private static byte[] generate(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out";
    all[args.length + 1] = "unused";
    long n = DataGen.write(DataGen.Spec.parse(all), out);
    assertEquals(out.size(), n);
    return out.toByteArray();
  }

  private static String[] lines(byte[] file) {
    String text = new String(file, US_ASCII);
    assertTrue(text.endsWith("\n"));
    return text.split("\n");
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedOthers() throws IOException {
    byte[] higgs = generate("higgs", "--rows", "500", "--seed", "7");
    assertArrayEquals(higgs, generate("higgs", "--rows", "500", "--seed", "7"));
    assertFalse(java.util.Arrays.equals(higgs, generate("higgs", "--rows", "500", "--seed", "8")));
    byte[] sparse = generate("sparse", "--rows", "300", "--features", "5000", "--seed", "7");
    assertArrayEquals(sparse, generate("sparse", "--rows", "300", "--features", "5000", "--seed", "7"));
    assertFalse(java.util.Arrays.equals(sparse, generate("sparse", "--rows", "300", "--features", "5000", "--seed", "8")));
  }

  @Test
  void higgsRowsAreALabelAnd28FeaturesInRangeWithFiveDecimals() throws IOException {
    String[] rows = lines(generate("higgs", "--rows", "2000", "--seed", "3"));
    assertEquals(2000, rows.length);
    double min = 0;
    double max = 0;
    for (String row : rows) {
      assertTrue(HIGGS_ROW.matcher(row).matches(), row);
      String[] f = row.split(",");
      for (int j = 1; j < f.length; j++) {
        double v = Double.parseDouble(f[j]);
        assertTrue(v >= -1 && v <= 1, row);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    assertTrue(min < -0.99 && max > 0.99, "features span [-1, 1]: " + min + " .. " + max);
  }

  @Test
  void higgsClassesAreBalancedAndLabelsFollowTheTeacherUpToTheFlips() throws IOException {
    String[] rows = lines(generate("higgs", "--rows", "20000", "--seed", "5"));
    double[][] teacher = DataGen.teacher();
    int ones = 0;
    int flipped = 0;
    double[] x = new double[DataGen.HIGGS_FEATURES];
    for (String row : rows) {
      String[] f = row.split(",");
      int label = Integer.parseInt(f[0]);
      ones += label;
      for (int j = 0; j < x.length; j++) {
        x[j] = Double.parseDouble(f[j + 1]);
      }
      double s = 0;
      for (int h = 0; h < DataGen.TEACHER_UNITS; h++) {
        double z = 0;
        for (int j = 0; j < x.length; j++) {
          z += teacher[0][h * x.length + j] * x[j];
        }
        s += teacher[1][h] * StrictMath.tanh(z);
      }
      flipped += (s > 0 ? 1 : 0) != label ? 1 : 0;
    }
    // 20,000 rows: a binomial fraction has standard deviation 0.0035 at 0.5 and 0.0015 at 0.05.
    assertEquals(0.5, ones / 20000.0, 0.02);
    assertEquals(DataGen.HIGGS_FLIP, flipped / 20000.0, 0.01);
  }

  @Test
  void sparseRowsHaveKIncreasingOneBasedIndicesAndLabelsInRange() throws IOException {
    String[] rows = lines(generate("sparse", "--rows", "1000", "--features", "3000", "--nnz", "12", "--classes", "6"));
    assertEquals(1000, rows.length);
    for (String row : rows) {
      String[] p = row.split(" ");
      int label = Integer.parseInt(p[0]);
      assertTrue(label >= 0 && label < 6, row);
      assertEquals(13, p.length, row);
      int previous = 0;
      for (int k = 1; k < p.length; k++) {
        assertTrue(SPARSE_PAIR.matcher(p[k]).matches(), p[k]);
        int index = Integer.parseInt(p[k].substring(0, p[k].indexOf(':')));
        assertTrue(index > previous && index <= 3000, row);
        assertTrue(Double.parseDouble(p[k].substring(p[k].indexOf(':') + 1)) > 0, row);
        previous = index;
      }
    }
  }

  @Test
  void sparseClassesAreBalancedAndACentroidLearnedOnOneSeedClassifiesAnother() throws IOException {
    String[] train = lines(generate("sparse", "--rows", "5000", "--features", "20000", "--seed", "1"));
    String[] test = lines(generate("sparse", "--rows", "1000", "--features", "20000", "--seed", "2"));
    double[][] centroid = new double[10][20000];
    int[] counts = new int[10];
    for (String row : train) {
      String[] p = row.split(" ");
      int c = Integer.parseInt(p[0]);
      counts[c]++;
      for (int k = 1; k < p.length; k++) {
        centroid[c][Integer.parseInt(p[k].substring(0, p[k].indexOf(':'))) - 1] += 1;
      }
    }
    for (int n : counts) {
      assertEquals(500, n, 100, "class counts " + java.util.Arrays.toString(counts));  // sd 21
    }
    int correct = 0;
    for (String row : test) {
      String[] p = row.split(" ");
      int best = -1;
      double bestScore = -1;
      for (int c = 0; c < 10; c++) {
        double score = 0;
        for (int k = 1; k < p.length; k++) {
          score += centroid[c][Integer.parseInt(p[k].substring(0, p[k].indexOf(':'))) - 1];
        }
        if (score > bestScore) {
          best = c;
          bestScore = score;
        }
      }
      correct += best == Integer.parseInt(p[0]) ? 1 : 0;
    }
    assertTrue(correct >= 950, "centroid accuracy " + correct / 1000.0);
  }

  @Test
  void fixedDecimalsMatchBigDecimal() throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      long units = i < 3 ? new long[] {0, 100_000, -100_000}[i] : rng.nextLong(-3_000_000, 3_000_000);
      int decimals = 4 + i % 2;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataGen.Ascii w = new DataGen.Ascii(bytes);
      w.fixed(units, decimals);
      w.flush();
      assertEquals(BigDecimal.valueOf(units, decimals).toPlainString(), bytes.toString(US_ASCII));
    }
  }

  @Test
  void refusesAnExistingFileUnlessOverwriteAndLeavesNoPartialFile(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/h.csv");
    DataGen.Spec spec = DataGen.Spec.parse(new String[] {"higgs", "--rows", "10", "--out", out.toString()});
    long bytes = DataGen.writeFile(spec);
    assertEquals(Files.size(out), bytes);
    assertThrows(FileAlreadyExistsException.class, () -> DataGen.writeFile(spec));
    DataGen.Spec again = DataGen.Spec.parse(new String[] {"higgs", "--rows", "20", "--out", out.toString(),
        "--overwrite"});
    DataGen.writeFile(again);
    assertEquals(20, Files.readAllLines(out).size());
    try (var files = Files.list(out.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void rejectsBadArgumentsNamingTheFlag() {
    String[][] bad = {
        {"higgs", "--nnz", "5", "--out", "f"},
        {"sparse", "--features", "100", "--classes", "10", "--nnz", "40", "--out", "f"},
        {"sparse", "--rows", "0", "--out", "f"},
        {"sparse", "--rows", "ten", "--out", "f"},
        {"higgs", "--rows", "10"},
        {"gauss", "--out", "f"},
        {"higgs", "--out", "f", "--fast"}};
    String[] named = {"--nnz", "--features", "--rows", "--rows", "--out", "higgs or sparse", "--fast"};
    for (int i = 0; i < bad.length; i++) {
      String[] args = bad[i];
      String message = assertThrows(IllegalArgumentException.class, () -> DataGen.Spec.parse(args)).getMessage();
      assertTrue(message.contains(named[i]), message);
    }
  }
}
