package dev.nabla.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local launcher as a person runs it ({@code submit-scripts/nabla train …}, no SPARK_HOME): the output is the
 * run's facts, the progress and the result, without Maven's colour codes from its build step, without Spark's
 * "hostname resolves to a loopback address" warning, and with the total time once.
 */
class LauncherIT {
  @TempDir Path dir;

  @Test
  void aLocalTrainRunPrintsNoMavenColourNoLoopbackWarningAndItsTotalTimeOnce() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(String.format(Locale.ROOT, "%d 1:%.4f 2:%.4f", i % 3, i % 3 + 0.2 * rng.nextGaussian(),
          0.2 * rng.nextGaussian()));
    }
    Path data = Files.write(dir.resolve("blobs.libsvm"), rows);
    Files.deleteIfExists(Path.of("target/classpath.txt")); // the launcher runs its Maven step again
    ProcessBuilder pb = new ProcessBuilder("bash", "submit-scripts/nabla", "train", "--train", data.toString(),
        "--layers", "2,3", "--epochs", "2", "--validation-fraction", "0.2", "--model-out",
        dir.resolve("model").toString());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARK_LOCAL_IP");
    pb.environment().put("NABLA_DRIVER_MEMORY", "1g");
    pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the launcher did not finish");
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out + err);

    assertFalse((out + err).contains("\u001b"), "ANSI escape codes in the output:\n" + out + err);
    assertFalse(err.contains("resolves to a loopback address") || err.contains("SPARK_LOCAL_IP"), err);
    assertTrue(out.contains("epoch 2: train loss"), out);
    assertEquals(1, out.lines().filter(l -> l.startsWith("summary: 2 epochs in ")).count(), out);
    assertEquals(0, out.lines().filter(l -> l.startsWith("trained ")).count(), "the total time once:\n" + out);
    assertTrue(out.contains("  model: " + dir.resolve("model")), out);
  }
}
