package dev.nabla.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.ExitStatus;
import dev.nabla.cli.Main;
import dev.nabla.model.ModelIO;
import dev.nabla.testing.LibsvmBlobs;
import dev.nabla.train.Checkpoint;
import dev.nabla.train.Checkpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nabla on a standalone cluster of 2 workers (separate JVMs) with its data and model on HDFS: the result equals a
 * local-mode run bitwise, and stays equal when an executor is killed, or when the driver is killed and the run is
 * resumed; a diverging run exits 4 and keeps a loadable checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterIT {
  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private LocalCluster cluster;
  private double[] reference;

  @BeforeAll
  void startClusterAndTrainLocally() throws IOException {
    cluster = LocalCluster.start("standalone", 2);
    try (OutputStream out = cluster.fs().create(new Path("/data/train.libsvm"))) {
      out.write(String.join("\n", blobs(2000, 7)).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    long start = System.nanoTime();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        train("/models/local", "--master", "local[2]").toArray(new String[0]));
    assertEquals(ExitStatus.OK, status, err.toString());
    System.out.printf(Locale.ROOT, "local[2] reference run: %.1f s%n", (System.nanoTime() - start) / 1e9);
    reference = params("/models/local");
  }

  @AfterAll
  void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Three Gaussian blobs in 4 dimensions, as LIBSVM lines. */
  private static List<String> blobs(int n, long seed) {
    return LibsvmBlobs.lines(LibsvmBlobs.randomCenters(3, 4, 3, 1), n, seed);
  }

  /** The one training setting of every run here (Adam, so that resume must restore optimizer state too). */
  private List<String> train(String model, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--train", cluster.hdfs("/data/train.libsvm"), "--format",
        "libsvm", "--layers", "4,16,3", "--activation", "tanh", "--optimizer", "adam", "--learning-rate", "0.01",
        "--batch-size", "64", "--epochs", "3", "--partitions", "2", "--seed", "11", "--model-out", cluster.hdfs(model)));
    a.addAll(List.of(more));
    return a;
  }

  private List<String> trainWithCheckpoints(String model, String checkpoints, String... more) {
    List<String> a = train(model, "--checkpoint-dir", cluster.hdfs(checkpoints), "--checkpoint-unit", "steps",
        "--checkpoint-every", "8", "--checkpoint-keep", "3");
    a.addAll(List.of(more));
    return a;
  }

  private double[] params(String model) {
    return ModelIO.load(cluster.hdfs(model), cluster.conf()).params();
  }

  private boolean exists(String path) {
    try {
      return cluster.fs().exists(new Path(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** True once {@code dir} holds a complete checkpoint directory. */
  private boolean hasCheckpoint(String dir) {
    try {
      if (!cluster.fs().exists(new Path(dir))) {
        return false;
      }
      for (FileStatus s : cluster.fs().listStatus(new Path(dir))) {
        if (s.getPath().getName().startsWith("ckpt-")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void report(Submitted run, String what) {
    System.out.printf(Locale.ROOT, "%s: %s, %.1f s%n", run.name(), what, run.seconds());
  }

  @Test
  void sparkSubmitOnTwoWorkersWithHdfsEqualsTheLocalRunBitwiseThroughTheTree() throws IOException {
    // k = 1: with 2 tasks the default k = 2 would be carried as the star (tasks ≤ k), which adds in the same order;
    // a chain of 2 is the smallest tree whose root forwards θ and adds a child's SUMS
    Submitted run = cluster.submit("plain", train("/models/plain", "--metrics-out", cluster.hdfs("/metrics/plain.jsonl"),
        "--tree-fanout", "1"));
    assertEquals(ExitStatus.OK, run.await(RUN_LIMIT), run.err());
    report(run, "exit 0");
    assertTrue(run.out().contains("  model: " + cluster.hdfs("/models/plain")), run.out());
    double[] got = params("/models/plain");
    assertEquals(reference.length, got.length);
    assertArrayEquals(reference, got, 0.0, "cluster parameters differ from the local[2] run");
    assertTrue(Arrays.equals(reference, got), "not bitwise equal");
    // The steps went through the tree over sockets, not through a silent fallback: every epoch line counts all its
    // steps as streamed, the driver moved θ down and the SUMS up once per step (4-16-3: 131 parameters), and the
    // busiest task (the root) moved twice that: θ and the SUMS with the driver and with its child (a star's tasks
    // move 2·8·P each).
    int numParams = 4 * 16 + 16 + 16 * 3 + 3;
    List<String> epochs = new String(cluster.fs().open(new Path("/metrics/plain.jsonl")).readAllBytes(),
        StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"type\":\"epoch\"")).toList();
    assertEquals(3, epochs.size(), String.join("\n", epochs));
    for (String e : epochs) {
      assertTrue(e.contains("\"streamed_steps\":32"), "all 32 steps of the epoch streamed: " + e);
      double driver = number(e, "driver_bytes_per_step");
      double task = number(e, "max_task_bytes_per_step");
      assertTrue(driver >= 2.0 * 8 * numParams && driver <= 1.05 * 2 * 1 * 8 * numParams, "driver bytes " + driver);
      assertTrue(task >= 4.0 * 8 * numParams && task <= 1.05 * 2 * 2 * 8 * numParams, "busiest task's bytes " + task);
    }
    assertTrue(cluster.executorLogs().contains("Nabla BLAS: native"), "the executors run a native BLAS");
  }

  /** A number field of a JSON line. */
  private static double number(String json, String field) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":([-0-9.Ee]+)").matcher(json);
    assertTrue(m.find(), field + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void killedExecutorIsReplacedAndTheRunEndsWithTheUndisturbedParameters() throws IOException {
    Submitted run = cluster.submit("executor-loss", trainWithCheckpoints("/models/executor-loss", "/ckpt/executor-loss"));
    LocalCluster.await("a first checkpoint of the executor-loss run", RUN_LIMIT,
        () -> hasCheckpoint("/ckpt/executor-loss") || !run.alive());
    assertTrue(run.alive(), "the run ended before an executor could be killed: " + run.err());
    List<ProcessHandle> executors = cluster.executors();
    assertEquals(2, executors.size(), "executor JVMs of the 2 workers");
    ProcessHandle victim = executors.get(0);
    victim.destroyForcibly();
    victim.onExit().join();
    System.out.printf(Locale.ROOT, "executor-loss: killed executor pid %d at %.1f s%n", victim.pid(), run.seconds());
    assertEquals(ExitStatus.OK, run.await(RUN_LIMIT), run.err());
    report(run, "exit 0 after kill -9 of one executor");
    assertTrue(run.err().contains("Lost executor"), "the driver did not notice the lost executor");
    assertTrue(Arrays.equals(reference, params("/models/executor-loss")),
        "parameters after the executor loss differ from the undisturbed run's");
  }

  @Test
  void killedDriverResumesFromItsLastCheckpointToTheSameParameters() throws IOException {
    Submitted first = cluster.submit("driver-loss", trainWithCheckpoints("/models/driver-loss", "/ckpt/driver-loss"));
    LocalCluster.await("a first checkpoint of the driver-loss run", RUN_LIMIT,
        () -> hasCheckpoint("/ckpt/driver-loss") || !first.alive());
    assertTrue(first.alive(), "the run ended before its driver could be killed: " + first.err());
    first.kill();
    report(first, "driver killed (kill -9)");
    assertFalse(exists("/models/driver-loss"), "a killed driver left a model");
    Checkpoint last = new Checkpoints(cluster.hdfs("/ckpt/driver-loss"), cluster.conf(), 8, false, 3).latest();
    assertNotNull(last, "no complete checkpoint to resume from");

    Submitted resumed = cluster.submit("driver-loss-resumed",
        trainWithCheckpoints("/models/driver-loss", "/ckpt/driver-loss", "--resume"));
    assertEquals(ExitStatus.OK, resumed.await(RUN_LIMIT), resumed.err());
    report(resumed, "resumed from epoch " + last.epoch() + " step " + last.step() + ", exit 0");
    assertTrue(resumed.out().contains("resuming from epoch"), resumed.out());
    assertTrue(Arrays.equals(reference, params("/models/driver-loss")),
        "resumed parameters differ from the uninterrupted run's");
  }

  @Test
  void divergingRunExitsFourAndKeepsALoadableCheckpointButNoModel() throws IOException {
    List<String> args = train("/models/diverged", "--optimizer", "sgd", "--activation", "relu", "--learning-rate", "1e6",
        "--checkpoint-dir", cluster.hdfs("/ckpt/diverged"), "--checkpoint-unit", "steps", "--checkpoint-every", "1");
    Submitted run = cluster.submit("diverged", args);
    assertEquals(ExitStatus.DIVERGED, run.await(RUN_LIMIT), run.err());
    report(run, "exit 4");
    List<String> message = run.err().lines().filter(l -> l.startsWith("nabla train: ")).toList();
    assertEquals(1, message.size(), run.err());
    assertTrue(message.get(0).matches("nabla train: training diverged at epoch \\d+/3 step \\d+/\\d+: .*layer \\d.*"
        + "--learning-rate.*"), message.get(0));
    assertFalse(exists("/models/diverged"), "a diverged run wrote a model");
    Checkpoint last = new Checkpoints(cluster.hdfs("/ckpt/diverged"), cluster.conf(), 1, false, 3).latest();
    assertNotNull(last, "no checkpoint kept");
    assertTrue(Arrays.stream(last.params()).allMatch(Double::isFinite), "the kept checkpoint is not a good one");
    System.out.println("diverged: " + message.get(0) + "; last checkpoint epoch " + last.epoch() + " step " + last.step());
  }
}
