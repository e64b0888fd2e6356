package dev.nabla.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application jar alone, as {@code java -cp target/nabla-*.jar}: the commands the README says need no Spark
 * (gradcheck, privacy, --help, --version, and their usage errors) run in a JVM whose class path is only that jar,
 * which holds no Spark, Scala or Hadoop class.
 */
class NoSparkJarIT {
  private static Path jar;

  private record Run(int status, String out, String err) {
  }

  @BeforeAll
  static void findJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("nabla-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/nabla-*.jar: run after package"));
    }
  }

  private static Run java(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toString(), "dev.nabla.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("CLASSPATH");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarHoldsNoSparkScalaOrHadoopClass() throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> provided = zip.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/") || n.startsWith("org/apache/hadoop/"))
          .toList();
      assertEquals(List.of(), provided);
    }
  }

  @Test
  void gradcheckRunsFromTheJarAloneAndExitsZero() throws Exception {
    Run r = java("gradcheck", "--layers", "4,5,3", "--activation", "tanh", "--output", "softmax", "--loss",
        "cross-entropy");
    assertEquals(0, r.status(), r.out() + r.err());
    String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("max relative error: "), r.out());
    assertTrue(Double.parseDouble(last.substring("max relative error: ".length())) <= 1e-6, last);
  }

  @Test
  void privacyRunsFromTheJarAloneAndPrintsItsEpsilon() throws Exception {
    Run r = java("privacy", "--n", "60000", "--batch-size", "256", "--noise", "1.1", "--epochs", "60", "--delta",
        "1e-5");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().strip().endsWith("epsilon: 2.59482"), r.out());
  }

  @Test
  void usageErrorsOfTheSparkFreeCommandsExitTwoWithOneLine() throws Exception {
    Run privacy = java("privacy", "--n", "0", "--batch-size", "1", "--noise", "1", "--epochs", "1", "--delta", "1e-5");
    assertEquals(2, privacy.status(), privacy.err());
    assertEquals("nabla privacy: --n must be an integer in [1, 2^31 − 1], got 0", privacy.err().strip());
    Run gradcheck = java("gradcheck", "--activation", "swish");
    assertEquals(2, gradcheck.status(), gradcheck.err());
    assertTrue(gradcheck.err().contains("--activation"), gradcheck.err());
  }

  @Test
  void aSparkCommandFromTheJarAloneSaysHowToRunItAndExitsTwo() throws Exception {
    Run r = java("train", "--train", "data.libsvm", "--layers", "4,3", "--master", "local[1]");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("nabla train: Spark is not on the class path: run this command with "
        + "submit-scripts/nabla or spark-submit"), r.err());
    Run export = java("export", "--model", "m", "--out", "m.onnx");
    assertEquals(2, export.status(), export.err());
    assertTrue(export.err().startsWith("nabla export: Hadoop is not on the class path"), export.err());
  }

  @Test
  void helpAndVersionRunFromTheJarAlone() throws Exception {
    Run help = java("--help");
    assertEquals(0, help.status(), help.err());
    assertTrue(help.out().contains("gradcheck") && help.out().contains("train"), help.out());
    Run version = java("--version");
    assertEquals(0, version.status(), version.err());
    assertTrue(version.out().startsWith("nabla "), version.out());
  }
}
