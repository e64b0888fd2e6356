package dev.nabla.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * The integration tests' world: an HDFS (MiniDFSCluster, NameNode and one DataNode in this JVM on 127.0.0.1) and a
 * Spark standalone cluster (master + workers, separate JVMs) started and stopped by {@code cluster-up.sh} /
 * {@code cluster-down.sh}, each on free ports, logs under {@code target/it/<name>/}. {@link #close} stops every
 * process this fixture started, by pid.
 */
final class LocalCluster implements AutoCloseable {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private final Path base;
  private final MiniDFSCluster dfs;
  private final Configuration conf;
  private final String hdfs;
  private final List<Long> workerPids = new ArrayList<>();
  private final List<Submitted> drivers = new ArrayList<>();
  private final Path submitConfig;
  /** Set before cluster-up.sh runs: cluster-down.sh also stops what a half-failed start left running. */
  private boolean clusterUp;

  private LocalCluster(String name, int workers) throws IOException {
    base = ROOT.resolve("target/it/" + name);
    deleteTree(base);
    Files.createDirectories(base.resolve("logs"));
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    dfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    conf = new Configuration(dfs.getConfiguration(0));
    conf.set("fs.defaultFS", hdfs);
    clusterUp = true;
    try {
      int masterPort = freePort();
      String out = script(Map.of("NABLA_CLUSTER_DIR", base.resolve("cluster").toString(),
          "NABLA_MASTER_PORT", Integer.toString(masterPort), "NABLA_MASTER_WEBUI_PORT", Integer.toString(freePort()),
          "NABLA_WORKER_WEBUI_PORT_BASE", Integer.toString(freePort()), "NABLA_WORKER_MEMORY", "1g"),
          "cluster-up.sh", Integer.toString(workers));
      for (int i = 1; i <= workers; i++) {
        workerPids.add(Long.parseLong(Files.readString(base.resolve("cluster/pids/worker-" + i + ".pid")).strip()));
      }
      submitConfig = Files.writeString(base.resolve("standalone.properties"), String.join("\n",
          "master=spark://127.0.0.1:" + masterPort, "deploy.mode=client", "executor.instances=" + workers,
          "executor.cores=1", "executor.memory=512m", "driver.memory=1g", "spark.ui.enabled=false", ""));
      System.out.println("cluster up: " + out.strip() + "; HDFS at " + hdfs);
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  /** Every executor's log (stderr in the workers' directories) so far, concatenated. */
  String executorLogs() throws IOException {
    StringBuilder b = new StringBuilder();
    Path work = base.resolve("cluster/work");
    if (Files.isDirectory(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().toList()) {
          b.append(Files.readString(p));
        }
      }
    }
    return b.toString();
  }

  /** Starts HDFS and a standalone cluster of {@code workers} workers (1 core, 1 GB each). */
  static LocalCluster start(String name, int workers) throws IOException {
    return new LocalCluster(name, workers);
  }

  /** The HDFS URI of {@code path} (absolute, e.g. {@code /data/train.libsvm}). */
  String hdfs(String path) {
    return hdfs + path;
  }

  /** A Hadoop configuration that reaches this HDFS. */
  Configuration conf() {
    return conf;
  }

  FileSystem fs() throws IOException {
    return FileSystem.get(conf);
  }

  /** Submits {@code nabla <args>} through submit-standalone.sh (client mode); returns at once. */
  Submitted submit(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("submit-scripts/submit-standalone.sh").toString(),
        "--config", submitConfig.toString(), "--"));
    command.addAll(args);
    Path out = base.resolve("logs/" + name + ".out");
    Path err = base.resolve("logs/" + name + ".err");
    Path work = Files.createDirectories(base.resolve("work/" + name));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    p.getOutputStream().close();
    Submitted s = new Submitted(name, p, out, err);
    drivers.add(s);
    return s;
  }

  /** The executor JVMs (CoarseGrainedExecutorBackend) that this cluster's workers run now. */
  List<ProcessHandle> executors() {
    List<ProcessHandle> all = new ArrayList<>();
    for (long pid : workerPids) {
      ProcessHandle.of(pid).ifPresent(w -> w.children().filter(LocalCluster::isExecutor).forEach(all::add));
    }
    return all;
  }

  private static boolean isExecutor(ProcessHandle p) {
    try {
      String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"), StandardCharsets.ISO_8859_1);
      return cmdline.contains("CoarseGrainedExecutorBackend");
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls {@code condition} every 50 ms until it holds; fails after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    for (Submitted d : drivers) {
      if (d.alive()) {
        d.kill();
      }
    }
    try {
      if (clusterUp) {
        script(Map.of("NABLA_CLUSTER_DIR", base.resolve("cluster").toString()), "cluster-down.sh");
        clusterUp = false;
      }
    } finally {
      dfs.shutdown();
    }
  }

  /** Runs a script of submit-scripts/ to its end; fails with its output when it exits non-zero. */
  private static String script(Map<String, String> env, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("submit-scripts/" + script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      if (status != 0) {
        throw new IllegalStateException(script + " exited " + status + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
