package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.privacy.RdpAccountant;
import dev.nabla.testing.LibsvmBlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The DP-SGD flags of {@code train} and the {@code privacy} command, through the command line. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliPrivacyTest {
  @TempDir static Path dir;
  private Path train;

  @BeforeAll
  void writeData() throws IOException {
    List<String> lines = LibsvmBlobs.lines(new double[][] {{4, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 4, 0}}, 2000, 4);
    train = dir.resolve("train.libsvm");
    Files.write(train, lines);
  }

  private String[] trainArgs(String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", train.toString(),
        "--format", "libsvm", "--layers", "4,8,3", "--learning-rate", "0.2", "--batch-size", "100",
        "--epochs", "3", "--partitions", "2"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void privacyCommandPrintsTheAccountantsEpsilonOnTheLastLine() {
    CliRunner.Result r = CliRunner.run("privacy", "--n", "60000", "--batch-size", "256", "--noise", "1.1",
        "--epochs", "60", "--delta", "1e-5");
    assertEquals(ExitStatus.OK, r.status(), r.err());
    String[] lines = r.out().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("epsilon: "), last);
    double eps = Double.parseDouble(last.substring("epsilon: ".length()));
    assertEquals(RdpAccountant.epsilon(256.0 / 60000, 1.1, 234L * 60, 1e-5), eps, 1e-5 * eps);
    assertTrue(r.out().contains("14040 (234 per epoch x 60 epochs)"), r.out());
  }

  @Test
  void privacyCommandRejectsBadValuesNamingTheFlag() {
    CliRunner.Result delta = CliRunner.run("privacy", "--n", "1000", "--batch-size", "10", "--noise", "1",
        "--epochs", "1", "--delta", "1.5");
    assertEquals(ExitStatus.USAGE, delta.status());
    assertTrue(delta.err().contains("--delta must be in (0, 1)"), delta.err());
    CliRunner.Result batch = CliRunner.run("privacy", "--n", "1000", "--batch-size", "2000", "--noise", "1",
        "--epochs", "1", "--delta", "1e-5");
    assertEquals(ExitStatus.USAGE, batch.status());
    assertTrue(batch.err().contains("--batch-size must be in [1, 1000]"), batch.err());
  }

  @Test
  void dpTrainingReportsEpsilonInConsoleMetricsAndManifest() throws IOException {
    Path model = dir.resolve("dp-model");
    Path metrics = dir.resolve("dp-metrics.jsonl");
    CliRunner.Result r = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1.0", "--dp-delta", "1e-4",
        "--model-out", model.toString(), "--metrics-out", metrics.toString()));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    // 2000 training rows: q = 100/2000, 20 steps per epoch.
    double eps3 = RdpAccountant.epsilon(100.0 / 2000, 1.0, 60, 1e-4);
    assertTrue(r.out().contains(String.format(Locale.ROOT, "epsilon %.4g", eps3)), r.out());
    assertTrue(r.out().contains("dp-sgd: clip 1.0, noise multiplier 1.0, delta 1.0E-4"), r.out());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(eps3, lines.get(2).get("epsilon").asDouble(), 1e-12 * eps3);
    assertTrue(lines.get(0).get("epsilon").asDouble() < lines.get(2).get("epsilon").asDouble());
    Model m = ModelIO.load(model.toString(), new Configuration());
    assertEquals(eps3, Double.parseDouble(m.manifest().notes().get("dp_epsilon")), 1e-12 * eps3);
    assertTrue(m.manifest().notes().get("dp_sampling").startsWith("Poisson, q = 100/2000"), m.manifest().notes().toString());
    assertEquals("1.0", m.manifest().hyperParameters().get("dp-clip"));
  }

  @Test
  void targetEpsilonStopsTrainingAndSaysSo() {
    double after1 = RdpAccountant.epsilon(100.0 / 2000, 1.0, 20, 1e-4);
    double after2 = RdpAccountant.epsilon(100.0 / 2000, 1.0, 40, 1e-4);
    CliRunner.Result r = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1.0", "--dp-delta", "1e-4",
        "--dp-target-epsilon", Double.toString((after1 + after2) / 2)));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("dp: stopping before epoch 2"), r.out());
    assertTrue(r.out().contains("summary: 1 epochs in "), r.out());
  }

  @Test
  void dpFlagsAreRefusedWhenIncompleteOrBadOrWithLbfgs() {
    CliRunner.Result noDelta = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1"));
    assertEquals(ExitStatus.USAGE, noDelta.status());
    assertTrue(noDelta.err().contains("--dp-delta is required"), noDelta.err());
    CliRunner.Result badClip = CliRunner.run(trainArgs("--dp-clip", "-1", "--dp-noise", "1", "--dp-delta", "1e-5"));
    assertEquals(ExitStatus.USAGE, badClip.status());
    assertTrue(badClip.err().contains("--dp-clip must be a number > 0"), badClip.err());
    CliRunner.Result lbfgs = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1", "--dp-delta", "1e-5",
        "--optimizer", "lbfgs"));
    assertEquals(ExitStatus.USAGE, lbfgs.status());
    assertTrue(lbfgs.err().contains("does not apply to --optimizer lbfgs"), lbfgs.err());
    CliRunner.Result shuffle = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1", "--dp-delta", "1e-5",
        "--sampling", "shuffle"));
    assertEquals(ExitStatus.USAGE, shuffle.status());
    assertTrue(shuffle.err().contains("needs Poisson sampling"), shuffle.err());
    CliRunner.Result target = CliRunner.run(trainArgs("--dp-clip", "1", "--dp-noise", "1", "--dp-delta", "1e-5",
        "--dp-target-epsilon", "0.001"));
    assertEquals(ExitStatus.USAGE, target.status());
    assertTrue(target.err().contains("--dp-target-epsilon 0.001: one epoch already spends"), target.err());
  }
}
