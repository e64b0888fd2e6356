package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.testing.LibsvmBlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --resume} continues only the run that wrote the checkpoint: a resume with any setting that changes the bits
 * changed (one case per group of settings) exits 2 naming the first difference and both values; the step engine,
 * which does not change the bits, may differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliResumeTest {
  @TempDir static Path dir;
  private Path train;
  private Path other;
  private Path checkpoints;

  private List<String> args(String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", train.toString(), "--layers",
        "4,8,3", "--activation", "tanh", "--optimizer", "momentum", "--learning-rate", "0.05", "--batch-size", "32",
        "--epochs", "2", "--partitions", "2", "--validation-fraction", "0.2", "--checkpoint-dir",
        checkpoints.toString()));
    a.addAll(List.of(more));
    return a;
  }

  @BeforeAll
  void trainTheRunThatWritesTheCheckpoints() throws IOException {
    double[][] centers = LibsvmBlobs.randomCenters(3, 4, 4, 1);
    train = Files.write(dir.resolve("train.libsvm"), LibsvmBlobs.lines(centers, 300, 2));
    other = Files.write(dir.resolve("other.libsvm"), LibsvmBlobs.lines(centers, 300, 3));
    checkpoints = dir.resolve("checkpoints");
    CliRunner.Result r = CliRunner.run(args().toArray(new String[0]));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "data path;             --train OTHER;                          --train file:TRAIN; this run has file:OTHER",
      "validation split;      --validation-fraction 0.3;              --validation-fraction 0.2; this run has 0.3",
      "scaling;               --scale standard;                       --scale auto; this run has standard",
      "partitions;            --partitions 3;                         --partitions 2; this run has 3",
      "topology;              --activation relu;                      --activation tanh; this run has relu",
      "initialisation;        --init he-normal;                       --init glorot-uniform; this run has he-normal",
      "batch, epochs, seed;   --seed 7;                               --seed 1; this run has 7",
      "optimizer;             --optimizer nesterov;                   --optimizer momentum; this run has nesterov",
      "learning rate;         --learning-rate 0.5;                    --learning-rate 0.05; this run has 0.5",
      "optimizer setting;     --momentum 0.8;                         --momentum (not set); this run has 0.8",
      "schedule;              --lr-schedule step;                     --lr-schedule cosine; this run has step",
      "regularization;        --l2 1e-4;                              --l2 0.0; this run has 1.0E-4",
      "clipping;              --clip-norm 5;                          --clip-norm (not set); this run has 5.0",
      "dropout;               --dropout 0.2;                          --dropout (not set); this run has [0.2]",
      "DP-SGD;                --dp-clip 1 --dp-noise 0.5 --dp-delta 1e-5; --dp-clip (not set); this run has 1.0",
      "sampling;              --sampling poisson;                     --sampling shuffle; this run has poisson",
      "early stopping;        --early-stopping-patience 2;            --early-stopping-patience 0; this run has 2"})
  void aResumeWithAChangedSettingExitsTwoNamingIt(String group, String changed, String named) {
    List<String> a = args(changed.replace("OTHER", other.toString()).split(" "));
    a.add("--resume");
    CliRunner.Result r = CliRunner.run(a.toArray(new String[0]));
    assertEquals(ExitStatus.USAGE, r.status(), group + ": " + r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    String expected = "nabla train: --resume: the checkpoint was written by a run with "
        + named.replace("OTHER", other.toString()).replace("TRAIN", train.toString());
    assertTrue(r.err().startsWith(expected), group + ": expected " + expected + "\n got " + r.err());
  }

  @Test
  void aResumeWithTheSameSettingsAndAnotherStepEngineContinues() {
    List<String> a = args("--step-engine", "jobs", "--resume");
    CliRunner.Result r = CliRunner.run(a.toArray(new String[0]));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("resuming from epoch 3 step 1"), r.out());
  }
}
