package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import java.io.IOException;
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

/** A named CSV label column implies the header; a command-line validation choice replaces the config file's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliCsvAndValidationTest {
  @TempDir static Path dir;
  private Path train;
  private Path validation;

  /** Two separable classes in 2 dimensions, with the header x1,x2,label. */
  private static List<String> csv(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>(List.of("x1,x2,label"));
    for (int i = 0; i < n; i++) {
      int c = i % 2;
      lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%d", 3 * c + rng.nextGaussian() * 0.3, rng.nextGaussian(), c));
    }
    return lines;
  }

  @BeforeAll
  void writeData() throws IOException {
    train = Files.write(dir.resolve("train.csv"), csv(200, 1));
    validation = Files.write(dir.resolve("validation.csv"), csv(60, 2));
  }

  private List<String> args(String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--format", "csv", "--layers", "2,4,2",
        "--epochs", "1", "--partitions", "2"));
    a.addAll(List.of(more));
    return a;
  }

  private static CliRunner.Result run(List<String> args) {
    return CliRunner.run(args.toArray(new String[0]));
  }

  @Test
  void aCsvLabelColumnByNameReadsTheHeaderWithoutTheHeaderFlag() {
    Path model = dir.resolve("named-label-model");
    CliRunner.Result r = run(args("--train", train.toString(), "--label-col", "label", "--model-out", model.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertEquals(2, ModelIO.load(model.toString(), new Configuration()).numClasses());
  }

  @Test
  void aCsvHeaderTheReadDidNotExpectHintsAtTheCommandLineFlag() {
    CliRunner.Result r = run(args("--train", train.toString()));
    assertEquals(ExitStatus.DATA, r.status(), r.err());
    assertTrue(r.err().contains(train + ":1: non-numeric value 'x1' in column 0"), r.err());
    assertTrue(r.err().contains("pass --header (header=true in a config file)"), r.err());
  }

  private Path config(String... lines) throws IOException {
    List<String> all = new ArrayList<>(List.of("train=" + train, "label-col=label"));
    all.addAll(List.of(lines));
    return Files.write(Files.createTempFile(dir, "run", ".properties"), all);
  }

  @Test
  void aCommandLineValidationPathReplacesTheConfigFilesFractionAndSaysSo() throws IOException {
    Path conf = config("validation-fraction=0.25");
    Path model = dir.resolve("validation-path-model");
    CliRunner.Result r = run(args("--config", conf.toString(), "--validation", validation.toString(), "--model-out",
        model.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("validation: --validation " + validation + " on the command line replaces "
        + "validation-fraction=0.25 of --config " + conf), r.out());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals(validation.toString(), m.manifest().dataPaths().get("validation"));
  }

  @Test
  void aCommandLineValidationFractionReplacesTheConfigFilesPath() throws IOException {
    Path conf = config("validation=" + validation);
    Path model = dir.resolve("validation-fraction-model");
    CliRunner.Result r = run(args("--config", conf.toString(), "--validation-fraction", "0.25", "--model-out",
        model.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("validation: --validation-fraction 0.25 on the command line replaces validation="
        + validation + " of --config " + conf), r.out());
    assertFalse(ModelIO.load(model.toString(), new Configuration()).manifest().dataPaths().containsKey("validation"));
  }

  @Test
  void bothOnTheCommandLineOrBothInTheFileStillExcludeEachOther() throws IOException {
    CliRunner.Result typed = run(args("--train", train.toString(), "--label-col", "label", "--validation",
        validation.toString(), "--validation-fraction", "0.25"));
    assertEquals(ExitStatus.USAGE, typed.status(), typed.err());
    assertEquals("nabla train: --validation and --validation-fraction exclude each other; give one",
        typed.err().strip());
    Path conf = config("validation=" + validation, "validation-fraction=0.25");
    CliRunner.Result file = run(args("--config", conf.toString()));
    assertEquals(ExitStatus.USAGE, file.status(), file.err());
    assertTrue(file.err().contains("exclude each other (both are in --config " + conf + ")"), file.err());
  }
}
