package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.testing.LibsvmBlobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Training end to end through the command line, in local[2]. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTrainTest {
  @TempDir static Path dir;
  private Path train;
  private Path test;

  /** Three Gaussian blobs in 4 dimensions, as LIBSVM. */
  private static List<String> blobs(int n, long seed) {
    return LibsvmBlobs.lines(LibsvmBlobs.randomCenters(3, 4, 4, 1), n, seed);
  }

  @BeforeAll
  void writeData() throws IOException {
    train = dir.resolve("train.libsvm");
    test = dir.resolve("test.libsvm");
    Files.write(train, blobs(1500, 2));
    Files.write(test, blobs(300, 3));
  }

  private String[] trainArgs(String modelOut, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", train.toString(),
        "--format", "libsvm", "--layers", "4,16,3", "--activation", "tanh", "--learning-rate", "0.2",
        "--batch-size", "32", "--epochs", "8", "--validation-fraction", "0.2", "--partitions", "2",
        "--model-out", modelOut));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void trainsBlobsToHighValidationAccuracyAndPredictsLikeTheSavedModel() throws IOException {
    Path model = dir.resolve("model");
    Path metrics = dir.resolve("metrics.jsonl");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--test", test.toString(),
        "--metrics-out", metrics.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("epoch 8: train loss"), r.out());

    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(metrics)) {
      lines.add(json.readTree(line));
    }
    assertEquals(9, lines.size(), "8 epochs and the end event");
    JsonNode last = lines.get(7);
    assertEquals(8, last.get("epoch").asInt());
    assertTrue(last.get("val_accuracy").asDouble() >= 0.97, last.toString());
    assertTrue(last.get("wall_s").asDouble() > 0 && last.get("samples_per_s").asDouble() > 0, last.toString());
    assertEquals("end", lines.get(8).get("event").asText());
    assertTrue(lines.get(8).get("test_accuracy").asDouble() >= 0.97, lines.get(8).toString());

    Path out = dir.resolve("predictions.csv");
    CliRunner.Result p = CliRunner.run("predict", "--master", "local[2]", "--model", model.toString(), "--data",
        test.toString(), "--format", "libsvm", "--out", out.toString(), "--out-format", "csv", "--partitions", "3");
    assertEquals(ExitStatus.OK, p.status(), p.out() + p.err());

    Model loaded = ModelIO.load(model.toString(), new Configuration());
    List<String> rows = blobs(300, 3);
    double[] x = new double[4 * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] tok = rows.get(i).split(" ");
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = Double.parseDouble(tok[j + 1].substring(tok[j + 1].indexOf(':') + 1));
      }
    }
    int[] expected = loaded.predictClass(x, rows.size());
    int[] got = new int[rows.size()];
    assertTrue(Files.isRegularFile(out), "one CSV file");
    List<String> csv = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals("index,label,prediction,p0,p1,p2", csv.get(0));
    assertEquals(rows.size() + 1, csv.size(), "one header, then one line per row");
    for (int i = 1; i < csv.size(); i++) {
      String[] f = csv.get(i).split(",");
      assertEquals(i - 1, Integer.parseInt(f[0]), "rows in input order");
      assertEquals(Integer.parseInt(rows.get(i - 1).split(" ")[0]), Integer.parseInt(f[1]), "integer class label");
      got[i - 1] = Integer.parseInt(f[2]);
    }
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(got));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("._tmp-")).toList(),
          "no temporary files left");
    }

    CliRunner.Result refused = CliRunner.run("predict", "--master", "local[2]", "--model", model.toString(), "--data",
        test.toString(), "--format", "libsvm", "--out", out.toString(), "--out-format", "csv");
    assertEquals(ExitStatus.USAGE, refused.status(), refused.err());
    assertEquals("nabla predict: --out: " + out + " already exists; pass --overwrite to replace it",
        refused.err().strip());
    CliRunner.Result overwritten = CliRunner.run("predict", "--master", "local[2]", "--model", model.toString(), "--data",
        test.toString(), "--format", "libsvm", "--out", out.toString(), "--out-format", "csv", "--overwrite");
    assertEquals(ExitStatus.OK, overwritten.status(), overwritten.err());
    assertEquals(csv, Files.readAllLines(out, StandardCharsets.UTF_8), "--overwrite writes the same file again");

    CliRunner.Result again = CliRunner.run(trainArgs(model.toString()));
    assertEquals(ExitStatus.USAGE, again.status(), again.err());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(loaded.manifest().createdAt(),
        ModelIO.load(model.toString(), new Configuration()).manifest().createdAt(), "refused overwrite changed the model");

    CliRunner.Result evaluate = CliRunner.run("evaluate", "--master", "local[2]", "--model", model.toString(),
        "--data", test.toString(), "--format", "libsvm", "--json");
    assertEquals(ExitStatus.OK, evaluate.status(), evaluate.err());
    JsonNode ev = json.readTree(evaluate.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(ev.get("accuracy").asDouble() >= 0.97, ev.toString());
  }

  @Test
  void badInputsExitWithTheirStatusAndWriteNothing() throws IOException {
    Path nan = dir.resolve("nan.libsvm");
    Files.write(nan, List.of("0 1:0.5 2:1", "1 1:NaN 2:1", "2 1:1 2:2"));
    Object[][] cases = {
        {new String[] {"--train", dir.resolve("missing").toString()}, ExitStatus.DATA, "missing"},
        {new String[] {"--train", nan.toString(), "--layers", "2,4,3"}, ExitStatus.DATA, "nan.libsvm:2"},
        {new String[] {"--activation", "swish"}, ExitStatus.USAGE, "--activation"},
        {new String[] {"--layers", "5,16,3"}, ExitStatus.USAGE, "--layers"},
        {new String[] {"--learning-rate", "-1"}, ExitStatus.USAGE, "learning-rate"},
        {new String[] {"--batch-size", "0"}, ExitStatus.USAGE, "batch-size"},
    };
    for (Object[] c : cases) {
      Path model = dir.resolve("bad-model");
      CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), (String[]) c[0]));
      String what = String.join(" ", (String[]) c[0]);
      assertEquals(c[1], r.status(), what + ": " + r.err());
      assertTrue(r.err().contains((String) c[2]), what + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), what + ": one line expected: " + r.err());
      assertFalse(Files.exists(model), what + ": a model was written");
    }
  }

  @Test
  void trainsWithAdamScheduleDropoutAndEarlyStoppingAndRecordsThemInTheManifest() {
    Path model = dir.resolve("adam-model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--optimizer", "adam", "--learning-rate", "0.01",
        "--lr-schedule", "cosine", "--warmup-steps", "10", "--dropout", "0.1", "--l2", "1e-4", "--clip-norm", "5",
        "--early-stopping-patience", "2", "--epochs", "20"));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals("adam", m.manifest().hyperParameters().get("optimizer"));
    assertEquals("cosine", m.manifest().hyperParameters().get("lr-schedule"));
    int kept = Integer.parseInt(m.manifest().notes().get("kept_epoch"));
    int run = Integer.parseInt(m.manifest().notes().get("epochs_run"));
    assertTrue(kept >= 1 && kept <= run && run <= 20, m.manifest().notes().toString());
    assertTrue(m.manifest().finalMetrics().get("val_accuracy") >= 0.97, m.manifest().finalMetrics().toString());
  }

  @Test
  void computeOptionsReachTheTrainerAndTheManifest() {
    Path model = dir.resolve("float32-model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--precision", "float32", "--storage-precision",
        "float32", "--sparse", "false", "--shuffle-window", "4k", "--tree-fanout", "0", "--float32-wire"));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    Model m = ModelIO.load(model.toString(), new Configuration());
    var hyper = m.manifest().hyperParameters();
    assertEquals("float32", hyper.get("precision"));
    assertEquals("float32", hyper.get("storage-precision"));
    assertEquals("0", hyper.get("tree-fanout"));
    assertEquals("true", hyper.get("float32-wire"));
    assertTrue(m.manifest().finalMetrics().get("val_accuracy") >= 0.95, m.manifest().finalMetrics().toString());
    // a 4 KB window holds fewer rows than the training set: the epoch is shuffled window by window, as said
    assertTrue(r.out().contains("window"), r.out());
  }

  @Test
  void badComputeOptionsExitTwoNamingTheFlagBeforeSparkStarts() {
    Object[][] cases = {
        {new String[] {"--precision", "half"}, "--precision half"},
        {new String[] {"--storage-precision", "bf16"}, "--storage-precision bf16"},
        {new String[] {"--sparse", "maybe"}, "--sparse maybe"},
        {new String[] {"--shuffle-window", "1.5g"}, "--shuffle-window"},
        {new String[] {"--tree-fanout", "-1"}, "--tree-fanout -1"},
        {new String[] {"--optimizer", "lbfgs", "--precision", "float32"}, "--precision float32"},
    };
    for (Object[] c : cases) {
      Path model = dir.resolve("bad-compute");
      CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), (String[]) c[0]));
      assertEquals(ExitStatus.USAGE, r.status(), r.out() + r.err());
      assertTrue(r.err().contains((String) c[1]), r.err());
      assertFalse(Files.exists(model));
    }
  }

  @Test
  void runningOutOfMemoryOrDiskIsExitFiveWithTheExplanation() {
    Exception lostExecutor = new org.apache.spark.SparkException("Job aborted: Task 3 failed 4 times; "
        + "ExecutorLostFailure (executor 1 exited caused by one of the running tasks) Reason: java.lang.OutOfMemoryError: "
        + "Java heap space");
    assertEquals(ExitStatus.RESOURCES, Failures.statusOf(lostExecutor));
    assertEquals(ExitStatus.RESOURCES, Failures.statusOf(new RuntimeException("write failed",
        new java.io.IOException("No space left on device"))));
    assertEquals(ExitStatus.RESOURCES, Failures.statusOf(new dev.nabla.train.ResourceException("not enough memory")));
    assertEquals(ExitStatus.FAILED, Failures.statusOf(new IllegalStateException("a bug")));
  }

  @Test
  void badOptimizerSettingsAreUsageErrors() {
    Object[][] cases = {
        {new String[] {"--optimizer", "adam", "--beta1", "1.5"}, "beta1"},
        {new String[] {"--optimizer", "adam", "--weight-decay", "0.1"}, "weight-decay"},
        {new String[] {"--optimizer", "lion"}, "--optimizer"},
        {new String[] {"--lr-schedule", "wavy"}, "lr-schedule"},
        {new String[] {"--dropout", "1.2"}, "--dropout"},
        {new String[] {"--early-stopping-patience", "3", "--early-stopping-metric", "f1"}, "early-stopping-metric"},
    };
    for (Object[] c : cases) {
      CliRunner.Result r = CliRunner.run(trainArgs(dir.resolve("never").toString(), (String[]) c[0]));
      String what = String.join(" ", (String[]) c[0]);
      assertEquals(ExitStatus.USAGE, r.status(), what + ": " + r.err());
      assertTrue(r.err().contains((String) c[1]), what + ": " + r.err());
      assertFalse(Files.exists(dir.resolve("never")));
    }
  }

  @Test
  void trainsRegressionFromCsvWithAutoScalingChoosingStandard() throws IOException {
    SplittableRandom rng = new SplittableRandom(4);
    List<String> lines = new ArrayList<>(List.of("x1,y,x2"));
    for (int i = 0; i < 800; i++) {
      double x1 = 100 + 20 * rng.nextGaussian();
      double x2 = rng.nextGaussian();
      double y = 0.05 * x1 - 2 * x2 + 0.05 * rng.nextGaussian();
      lines.add(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", x1, y, x2));
    }
    Path csv = Files.write(dir.resolve("regression.csv"), lines);
    Path model = dir.resolve("regression-model");
    Path metrics = dir.resolve("regression.jsonl");
    CliRunner.Result r = CliRunner.run("train", "--master", "local[2]", "--train", csv.toString(), "--format", "csv",
        "--header", "--label-col", "y", "--task", "regression", "--layers", "2,16,1", "--activation", "tanh",
        "--scale", "auto", "--optimizer", "adam", "--learning-rate", "0.01", "--batch-size", "32", "--epochs", "30",
        "--validation-fraction", "0.25", "--model-out", model.toString(), "--metrics-out", metrics.toString());
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("scaling: --scale auto chose standard (some training values lie outside [-1, 1])"),
        r.out());
    List<String> jsonl = Files.readAllLines(metrics);
    JsonNode last = new ObjectMapper().readTree(jsonl.get(jsonl.size() - 2));
    assertTrue(last.get("val_r2").asDouble() > 0.95, last.toString());
    assertTrue(last.has("val_rmse") && last.has("val_mae") && last.has("val_mse"), last.toString());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals("standard", m.manifest().scaling());
    assertTrue(Math.abs(m.scaling().shift()[0] - 100) < 3, "mean of x1 stored as the shift");
  }

  @Test
  void moreBadRowsExitThreeNamingFileAndLine() throws IOException {
    Object[][] cases = {
        {"range.libsvm", List.of("0 1:1 2:1", "5 1:1 2:2"), new String[] {"--num-classes", "3"}, "range.libsvm:2"},
        {"fraction.libsvm", List.of("0 1:1 2:1", "1.5 1:1 2:2"), new String[0], "fraction.libsvm:2"},
        {"negative.libsvm", List.of("0 1:1 2:1", "-1 1:1 2:2"), new String[0], "negative.libsvm:2"},
        {"zero.libsvm", List.of("0 1:1 2:1", "1 0:1 2:2"), new String[0], "zero.libsvm:2"},
        {"unsorted.libsvm", List.of("0 2:1 1:1"), new String[0], "unsorted.libsvm:1"},
        {"token.libsvm", List.of("0 1:1 2:abc"), new String[0], "token.libsvm:1"},
        {"inf.libsvm", List.of("0 1:1 2:Infinity"), new String[0], "inf.libsvm:1"},
        {"empty.libsvm", List.of(), new String[0], "empty.libsvm"},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Path f = Files.write(dir.resolve((String) c[0]), (List<String>) c[1]);
      Path model = dir.resolve("bad-row-model");
      List<String> args = new ArrayList<>(List.of(trainArgs(model.toString(), "--train", f.toString(), "--layers",
          "2,4,3", "--validation-fraction", "0")));
      args.addAll(List.of((String[]) c[2]));
      CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(ExitStatus.DATA, r.status(), c[0] + ": " + r.err());
      assertTrue(r.err().contains((String) c[3]), c[0] + ": " + r.err());
      assertFalse(Files.exists(model), c[0] + ": a model was written");
    }
  }

  @Test
  void trainsWithFullBatchLbfgsAndRefusesMiniBatchSettings() {
    Path model = dir.resolve("lbfgs-model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--optimizer", "lbfgs", "--epochs", "40",
        "--l2", "1e-4"));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("lbfgs: full batch"), r.out());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals("lbfgs", m.manifest().hyperParameters().get("optimizer"));
    assertTrue(m.manifest().finalMetrics().get("val_accuracy") >= 0.97, m.manifest().finalMetrics().toString());

    CliRunner.Result bad = CliRunner.run(trainArgs(dir.resolve("never2").toString(), "--optimizer", "lbfgs",
        "--lr-schedule", "cosine"));
    assertEquals(ExitStatus.USAGE, bad.status(), bad.err());
    assertTrue(bad.err().contains("--lr-schedule does not apply to --optimizer lbfgs"), bad.err());
  }

  @Test
  void worksWithTheKryoSerializerThatManyClustersConfigureAndPredictsIntegerClassesToParquet() throws IOException {
    Path model = dir.resolve("kryo-model");
    System.setProperty("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    try {
      CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--partitions", "3", "--epochs", "2",
          "--scale", "standard"));
      assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
      CliRunner.Result p = CliRunner.run("predict", "--master", "local[2]", "--model", model.toString(), "--data",
          test.toString(), "--format", "libsvm", "--out", dir.resolve("kryo-predictions").toString());
      assertEquals(ExitStatus.OK, p.status(), p.out() + p.err());
      Path part;
      try (Stream<Path> parts = Files.list(dir.resolve("kryo-predictions"))) {
        part = parts.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      }
      try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
          .fromPath(new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
        String schema = reader.getFooter().getFileMetaData().getSchema().toString();
        assertTrue(schema.contains("required int64 index;") && schema.contains("required int32 label;")
            && schema.contains("required int32 prediction;") && schema.contains("required double p2;"), schema);
      }
    } finally {
      System.clearProperty("spark.serializer");
    }
  }

  @Test
  void divergingRunExitsFourNamingStepLayerAndAdviceWithoutWritingAModel() {
    Path model = dir.resolve("diverged-model");
    CliRunner.Result r = CliRunner.run(trainArgs(model.toString(), "--activation", "relu", "--optimizer", "sgd",
        "--learning-rate", "1e6"));
    assertEquals(ExitStatus.DIVERGED, r.status(), r.out() + r.err());
    assertTrue(r.err().matches("(?s)nabla train: training diverged at epoch \\d+/8 step \\d+/\\d+: .*layer \\d.*"
        + "--learning-rate.*"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(model));
  }

  @Test
  void resumeAfterALostDriverEndsWithTheSameModel() throws IOException {
    Path ckpt = dir.resolve("checkpoints");
    Path whole = dir.resolve("whole-model");
    String[] common = {"--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "4", "--checkpoint-dir",
        ckpt.toString(), "--checkpoint-every", "1", "--checkpoint-keep", "10"};
    CliRunner.Result r = CliRunner.run(trainArgs(whole.toString(), common));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    // The driver "died" after epoch 2: only the checkpoints written up to then exist.
    List<Path> all;
    try (Stream<Path> s = Files.list(ckpt)) {
      all = s.filter(p -> p.getFileName().toString().startsWith("ckpt-")).sorted().toList();
    }
    assertEquals(4, all.size());
    for (Path late : all.subList(2, 4)) {
      try (Stream<Path> files = Files.walk(late)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Path resumed = dir.resolve("resumed-model");
    List<String> args = new ArrayList<>(List.of(trainArgs(resumed.toString(), common)));
    args.add("--resume");
    CliRunner.Result again = CliRunner.run(args.toArray(new String[0]));
    assertEquals(ExitStatus.OK, again.status(), again.out() + again.err());
    assertTrue(again.out().contains("resuming from epoch 3 step 1"), again.out());
    assertTrue(java.util.Arrays.equals(ModelIO.load(whole.toString(), new Configuration()).params(),
        ModelIO.load(resumed.toString(), new Configuration()).params()), "resumed parameters differ");

    CliRunner.Result none = CliRunner.run(trainArgs(dir.resolve("x").toString(), "--resume"));
    assertEquals(ExitStatus.USAGE, none.status(), none.err());
    assertTrue(none.err().contains("--checkpoint-dir"), none.err());
  }
}
