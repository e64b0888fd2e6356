package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.model.Scaling;
import dev.nabla.model.ScalingKind;
import dev.nabla.model.Task;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.testing.LibsvmBlobs;
import dev.nabla.testing.OnnxAgreement;
import dev.nabla.testing.OnnxScoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla export} of models that {@code nabla train} saved, checked in ONNX Runtime. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliExportTest {
  @TempDir static Path dir;
  private List<String> testLines;
  private Path standardClassifier;
  private Path minmaxRegressor;

  @BeforeAll
  void trainTwoModels() throws IOException {
    double[][] centers = LibsvmBlobs.randomCenters(3, 4, 4, 1);
    Path train = dir.resolve("train.libsvm");
    Files.write(train, LibsvmBlobs.lines(centers, 600, 2));
    testLines = LibsvmBlobs.lines(centers, 300, 3);
    standardClassifier = dir.resolve("classifier");
    minmaxRegressor = dir.resolve("regressor");
    train(train, standardClassifier, "--scale", "standard", "--layers", "4,12,3", "--activation", "relu");
    train(train, minmaxRegressor, "--scale", "minmax", "--layers", "4,8,1", "--activation", "softplus",
        "--task", "regression", "--learning-rate", "0.05");
  }

  @Test
  void standardScaledClassifierExportsWithTheSavedModelsLabelsAndProbabilities() throws Exception {
    Path onnx = dir.resolve("classifier.onnx");
    CliRunner.Result r = CliRunner.run("export", "--model", standardClassifier.toString(), "--format", "onnx",
        "--out", onnx.toString());
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("input features float32 [N, 4]; outputs probability float32 [N, 3], label int64 [N]"),
        r.out());
    OnnxAgreement a = agreement(standardClassifier, onnx);
    assertEquals(testLines.size(), a.labelsEqual(), "labels equal to the saved model's");
    assertTrue(a.maxDifference() <= 1e-5, "largest probability difference " + a.maxDifference());
  }

  @Test
  void minmaxScaledRegressorExportsWithTheSavedModelsPredictions() throws Exception {
    Path onnx = dir.resolve("regressor.onnx");
    CliRunner.Result r = CliRunner.run("export", "--model", minmaxRegressor.toString(), "--out", onnx.toString());
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    OnnxAgreement a = agreement(minmaxRegressor, onnx);
    assertTrue(a.maxDifference() <= 1e-5, "largest prediction difference " + a.maxDifference());
  }

  @Test
  void anExistingFileExitsTwoWithOneLineUnlessOverwrite() throws Exception {
    Path onnx = dir.resolve("existing.onnx");
    Files.writeString(onnx, "keep me");
    CliRunner.Result r = CliRunner.run("export", "--model", standardClassifier.toString(), "--out", onnx.toString());
    assertEquals(ExitStatus.USAGE, r.status(), r.out() + r.err());
    assertEquals("nabla export: " + onnx + " already exists; pass --overwrite to replace it", r.err().strip());
    assertEquals("keep me", Files.readString(onnx));
    CliRunner.Result o = CliRunner.run("export", "--model", standardClassifier.toString(), "--out", onnx.toString(),
        "--overwrite");
    assertEquals(ExitStatus.OK, o.status(), o.out() + o.err());
    assertEquals(testLines.size(), agreement(standardClassifier, onnx).labelsEqual());
  }

  @Test
  void anUnknownFormatExitsTwo() {
    CliRunner.Result r = CliRunner.run("export", "--model", standardClassifier.toString(), "--format", "pmml",
        "--out", dir.resolve("m.pmml").toString());
    assertEquals(ExitStatus.USAGE, r.status(), r.out() + r.err());
    assertEquals("nabla export: --format: unknown format 'pmml': expected onnx", r.err().strip());
  }

  @Test
  void aModelBeyondFloat32ExitsTwoNamingTheLayer() throws Exception {
    Topology t = Topology.of(new int[] {2, 3, 2}, new Relu(), new Softmax(), Loss.CROSS_ENTROPY);
    Scaling tiny = new Scaling(ScalingKind.MINMAX, new double[] {0, 0}, new double[] {1e200, 1});
    Model m = new Model(t, Init.NORMAL_SCALED.initialize(t, 1), tiny, Task.CLASSIFICATION, 2,
        Manifest.create(t, Task.CLASSIFICATION, 2, ScalingKind.MINMAX, 1, Map.of(), Map.of(), 0, Map.of(), Map.of()));
    Path model = dir.resolve("huge-factor");
    ModelIO.save(m, model.toString(), false, new Configuration());
    Path onnx = dir.resolve("huge.onnx");
    CliRunner.Result r = CliRunner.run("export", "--model", model.toString(), "--out", onnx.toString());
    assertEquals(ExitStatus.USAGE, r.status(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("layer 1's weight W[0][0]") && r.err().contains("float32"), r.err());
    assertTrue(Files.notExists(onnx));
  }

  private void train(Path data, Path model, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", data.toString(),
        "--format", "libsvm", "--batch-size", "32", "--epochs", "3", "--partitions", "2", "--model-out",
        model.toString()));
    args.addAll(List.of(more));
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
  }

  /** The saved model's outputs on the test rows against ONNX Runtime's from the exported file. */
  private OnnxAgreement agreement(Path model, Path onnx) throws Exception {
    double[][] rows = new double[testLines.size()][4];
    for (int i = 0; i < rows.length; i++) {
      String[] tokens = testLines.get(i).split(" ");
      for (int j = 1; j < tokens.length; j++) {
        String[] kv = tokens[j].split(":");
        rows[i][Integer.parseInt(kv[0]) - 1] = Double.parseDouble(kv[1]);
      }
    }
    try (OnnxScoring s = new OnnxScoring(Files.readAllBytes(onnx))) {
      return OnnxAgreement.of(ModelIO.load(model.toString(), new Configuration()), rows, s);
    }
  }
}
