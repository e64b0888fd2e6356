package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.model.ModelIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of issue 5, each through {@code nabla train} in local[2]: the exit status, a one-line message
 * naming the file and line (or the option), and no model written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  @TempDir static Path dir;
  private Path good;

  /** One bad input: the file (or none), the extra train options, the status and a text the message must hold. */
  private record Case(String name, List<String> args, int status, String message) {
  }

  private Path text(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @BeforeAll
  void writeGoodData() throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add((i % 3) + " 1:" + (i % 3) + ".5 2:" + (i % 7));
    }
    good = Files.write(dir.resolve("good.libsvm"), rows);
  }

  private List<Case> cases() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      many.append(i % 3).append(" 1:").append(i % 5).append(" 2:").append(i % 7).append('\n');
    }
    byte[] gz = gzip(many.toString());
    Path truncated = Files.write(dir.resolve("truncated.libsvm.gz"), Arrays.copyOf(gz, gz.length / 2));
    Path idxImages = Files.write(dir.resolve("bad-magic-images.idx"),
        ByteBuffer.allocate(16 + 4).putInt(0x00000802).putInt(1).putInt(2).putInt(2).array());
    Path idxLabels = Files.write(dir.resolve("bad-magic-labels.idx"), ByteBuffer.allocate(9).putInt(0x801).putInt(1).array());
    Path model = dir.resolve("existing-model");
    return List.of(
        new Case("missing file", List.of("--train", dir.resolve("absent.libsvm").toString()), ExitStatus.DATA,
            "absent.libsvm"),
        new Case("empty file", List.of("--train", text("empty.libsvm").toString()), ExitStatus.DATA, "empty.libsvm"),
        new Case("CSV ragged row", List.of("--train", text("ragged.csv", "1,0.5,2", "0,1.5", "2,1,1").toString(),
            "--format", "csv"), ExitStatus.DATA, "ragged.csv:2"),
        new Case("CSV label column not in header", List.of("--train", text("header.csv", "a,b,c", "1,2,0").toString(),
            "--format", "csv", "--header", "--label-col", "label"), ExitStatus.DATA, "label"),
        new Case("non-numeric token", List.of("--train", text("token.libsvm", "0 1:1 2:1", "1 1:x 2:1").toString()),
            ExitStatus.DATA, "token.libsvm:2"),
        new Case("NaN value", List.of("--train", text("nan.libsvm", "0 1:NaN 2:1").toString()), ExitStatus.DATA,
            "nan.libsvm:1"),
        new Case("infinite value", List.of("--train", text("inf.csv", "0,1,2", "1,-Infinity,2").toString(),
            "--format", "csv"), ExitStatus.DATA, "inf.csv:2"),
        new Case("label out of range", List.of("--train", text("range.libsvm", "0 1:1 2:1", "3 1:1 2:1").toString(),
            "--num-classes", "3"), ExitStatus.DATA, "range.libsvm:2"),
        new Case("negative class label", List.of("--train", text("negative.csv", "-1,1,2").toString(), "--format",
            "csv"), ExitStatus.DATA, "negative.csv:1"),
        new Case("fractional class label", List.of("--train", text("fraction.libsvm", "0.5 1:1 2:1").toString()),
            ExitStatus.DATA, "fraction.libsvm:1"),
        new Case("LIBSVM index 0", List.of("--train", text("zero.libsvm", "0 1:1 2:1", "1 0:1 2:1").toString()),
            ExitStatus.DATA, "zero.libsvm:2"),
        new Case("LIBSVM unsorted indices", List.of("--train", text("unsorted.libsvm", "0 2:1 1:1").toString()),
            ExitStatus.DATA, "unsorted.libsvm:1"),
        new Case("LIBSVM duplicate index", List.of("--train", text("duplicate.libsvm", "0 1:1 1:2").toString()),
            ExitStatus.DATA, "duplicate.libsvm:1"),
        new Case("LIBSVM index beyond --num-features", List.of("--train",
            text("beyond.libsvm", "0 1:1 2:1", "1 1:1 3:1").toString(), "--num-features", "2"), ExitStatus.DATA,
            "beyond.libsvm:2"),
        new Case("truncated gzip", List.of("--train", truncated.toString()), ExitStatus.DATA, "truncated.libsvm.gz"),
        new Case("IDX bad magic number", List.of("--train", idxImages.toString(), "--format", "idx", "--labels",
            idxLabels.toString()), ExitStatus.DATA, "bad-magic-images.idx"),
        new Case("layers input differs from the data", List.of("--layers", "3,8,3"), ExitStatus.USAGE, "--layers"),
        new Case("unknown activation", List.of("--activation", "swish"), ExitStatus.USAGE, "--activation"),
        new Case("negative learning rate", List.of("--learning-rate", "-0.1"), ExitStatus.USAGE, "learning-rate"),
        new Case("batch size 0", List.of("--batch-size", "0"), ExitStatus.USAGE, "batch-size"),
        new Case("unknown step engine", List.of("--step-engine", "fast"), ExitStatus.USAGE,
            "--step-engine must be stream or jobs, got 'fast'"),
        new Case("existing model without --overwrite", List.of("--model-out", model.toString()), ExitStatus.USAGE,
            "--overwrite"));
  }

  private List<String> train(Path model, List<String> more) {
    List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--train", good.toString(), "--format",
        "libsvm", "--layers", "2,8,3", "--learning-rate", "0.1", "--batch-size", "16", "--epochs", "1",
        "--partitions", "2", "--model-out", model.toString()));
    a.addAll(more);
    return a;
  }

  @Test
  void eachBadInputExitsWithItsStatusAOneLineMessageAndNoModel() throws IOException {
    Path existing = dir.resolve("existing-model");
    assertEquals(ExitStatus.OK, CliRunner.run(train(existing, List.of()).toArray(new String[0])).status());
    String createdAt = ModelIO.load(existing.toString(), new Configuration()).manifest().createdAt();
    List<Case> cases = cases();
    assertTrue(cases.size() >= 15, "issue 5 asks for at least 15 cases");
    for (Case c : cases) {
      Path model = dir.resolve("model-" + c.name().replace(' ', '-'));
      CliRunner.Result r = CliRunner.run(train(model, c.args()).toArray(new String[0]));
      System.out.printf("%-38s exit %d: %s%n", c.name(), r.status(), r.err().strip());
      assertEquals(c.status(), r.status(), c.name() + ": " + r.err());
      assertTrue(r.err().contains(c.message()), c.name() + ": expected '" + c.message() + "' in: " + r.err());
      assertEquals(1, r.err().strip().lines().count(), c.name() + ": one line expected: " + r.err());
      assertFalse(r.err().contains("Exception"), c.name() + ": a stack trace or exception name: " + r.err());
      assertFalse(Files.exists(model), c.name() + ": a model was written");
    }
    assertEquals(createdAt, ModelIO.load(existing.toString(), new Configuration()).manifest().createdAt(),
        "the refused overwrite changed the existing model");
  }
}
