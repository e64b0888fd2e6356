package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code --scale-target} through the command line: the default for regression, the saved model, the refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTargetScalingTest {
  @TempDir static Path dir;
  private Path train;
  private Path test;
  private double testMean;

  /** n CSV rows "y,x1..x10" with y = 150 + 70 · (w · x) + noise (mean 150, standard deviation about 72). */
  private static List<String> rows(int n, long seed, double[] meanOut) {
    SplittableRandom w = new SplittableRandom(5);
    double[] dir = new double[10];
    for (int j = 0; j < 10; j++) {
      dir[j] = w.nextGaussian() / Math.sqrt(10);
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      StringBuilder x = new StringBuilder();
      double dot = 0;
      for (int j = 0; j < 10; j++) {
        double v = r.nextGaussian();
        dot += dir[j] * v;
        x.append(String.format(Locale.ROOT, ",%.6f", v));
      }
      double y = 150 + 70 * dot + 17.5 * r.nextGaussian();
      sum += y;
      lines.add(String.format(Locale.ROOT, "%.6f", y) + x);
    }
    meanOut[0] = sum / n;
    return lines;
  }

  @BeforeAll
  void writeData() throws IOException {
    double[] mean = new double[1];
    train = Files.write(dir.resolve("train.csv"), rows(400, 1, mean));
    test = Files.write(dir.resolve("test.csv"), rows(200, 2, mean));
    testMean = mean[0];
  }

  private String[] trainArgs(String modelOut, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", train.toString(), "--format",
        "csv", "--task", "regression", "--layers", "10,16,1", "--batch-size", "32", "--epochs", "10", "--partitions", "2",
        "--model-out", modelOut, "--overwrite"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void byDefaultRegressionTrainsOnStandardizedTargetsAndTheSavedModelPredictsInDataUnits() throws IOException {
    Path model = dir.resolve("model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("targets standardized for training"), r.out());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals("standard", m.manifest().hyperParameters().get("scale-target"));

    CliRunner.Result e = CliRunner.run("evaluate", "--master", "local[2]", "--model", model.toString(), "--data",
        test.toString(), "--format", "csv", "--json");
    assertEquals(ExitStatus.OK, e.status(), e.out() + e.err());
    String json = e.out().lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow();
    JsonNode metrics = new ObjectMapper().readTree(json);
    assertTrue(metrics.get("r2").asDouble() >= 0.8, json);

    Path out = dir.resolve("predictions");
    CliRunner.Result p = CliRunner.run("predict", "--master", "local[2]", "--model", model.toString(), "--data",
        test.toString(), "--format", "csv", "--out", out.toString(), "--out-format", "csv");
    assertEquals(ExitStatus.OK, p.status(), p.out() + p.err());
    double sum = 0;
    int seen = 0;
    List<String> csv = Files.readAllLines(out, StandardCharsets.UTF_8);
    for (String line : csv.subList(1, csv.size())) {
      sum += Double.parseDouble(line.split(",")[2]);
      seen++;
    }
    assertEquals(200, seen);
    assertEquals(testMean, sum / seen, 10, "mean prediction in data units (targets' standard deviation ≈ 72)");
  }

  @Test
  void noneIsAConfigKeyAndTheManifestSaysSo() throws IOException {
    Path conf = Files.write(dir.resolve("none.properties"), List.of("scale-target=none", "epochs=1", "optimizer=adam",
        "learning-rate=0.01"));
    Path model = dir.resolve("none-model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--config", conf.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertFalse(r.out().contains("targets standardized"), r.out());
    assertEquals("none", ModelIO.load(model.toString(), new Configuration()).manifest().hyperParameters()
        .get("scale-target"));
  }

  @Test
  void refusesTheSettingWithClassificationABadValueAndAnOutputThatCannotFoldIt() {
    Path model = dir.resolve("refused-model");
    CliRunner.Result c = CliRunner.run("train", "--master", "local[2]", "--train", train.toString(), "--format", "csv",
        "--layers", "10,4,3", "--scale-target", "standard", "--model-out", model.toString());
    assertEquals(ExitStatus.USAGE, c.status(), c.err());
    assertTrue(c.err().contains("--scale-target applies to --task regression only"), c.err());

    CliRunner.Result bad = CliRunner.run(trainArgs(model.toString(), "--scale-target", "minmax"));
    assertEquals(ExitStatus.USAGE, bad.status(), bad.err());
    assertTrue(bad.err().contains("--scale-target: unknown target scaling 'minmax'"), bad.err());

    CliRunner.Result sigmoid = CliRunner.run(trainArgs(model.toString(), "--output", "sigmoid", "--scale-target",
        "standard"));
    assertEquals(ExitStatus.USAGE, sigmoid.status(), sigmoid.err());
    assertTrue(sigmoid.err().contains("--scale-target standard: the output layer is sigmoid"), sigmoid.err());
    assertFalse(Files.exists(model));
  }

  @Test
  void dpSgdDefaultsToRawTargetsAndWarnsWhenStandardIsAskedFor() throws IOException {
    Path model = dir.resolve("dp-model");
    String[] dp = {"--dp-clip", "1", "--dp-noise", "0.5", "--dp-delta", "1e-4", "--epochs", "1"};
    CliRunner.Result quiet = CliRunner.run(trainArgs(model.toString(), dp));
    assertEquals(ExitStatus.OK, quiet.status(), quiet.out() + quiet.err());
    assertFalse(quiet.out().contains("--scale-target"), quiet.out());
    assertEquals("none", ModelIO.load(model.toString(), new Configuration()).manifest().hyperParameters()
        .get("scale-target"));

    List<String> asked = new ArrayList<>(List.of(dp));
    asked.addAll(List.of("--scale-target", "standard"));
    CliRunner.Result warned = CliRunner.run(trainArgs(model.toString(), asked.toArray(new String[0])));
    assertEquals(ExitStatus.OK, warned.status(), warned.out() + warned.err());
    assertTrue(warned.out().contains("dp: warning: --scale-target standard"), warned.out());
  }
}
