package dev.nabla.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit lines of submit-standalone.sh, submit-yarn.sh and submit-k8s.sh, by --dry-run. */
class SubmitScriptsTest {
  private static final Map<String, String> SPARK = Map.of("SPARK_HOME", "/opt/spark-test");
  private static final String[] NABLA = {"train", "--train", "hdfs://nn:8020/data/train set.libsvm", "--layers",
      "4,16,3", "--model-out", "hdfs://nn:8020/models/it's"};

  @TempDir Path dir;

  private static String[] dryRun(String config, String... nabla) {
    String[] args = new String[3 + 1 + nabla.length];
    args[0] = "--dry-run";
    args[1] = "--config";
    args[2] = config;
    args[3] = "--";
    System.arraycopy(nabla, 0, args, 4, nabla.length);
    return args;
  }

  private static void assertPair(List<String> words, String flag, String value) {
    assertTrue(Collections.indexOfSubList(words, List.of(flag, value)) >= 0, flag + " " + value + " not in " + words);
  }

  /** The line ends with the jar and then exactly the nabla arguments; returns the jar. */
  private static String assertEndsWithJarAndArgs(List<String> words) {
    List<String> tail = words.subList(words.size() - NABLA.length, words.size());
    assertEquals(List.of(NABLA), tail, "nabla arguments passed through unchanged");
    return words.get(words.size() - NABLA.length - 1);
  }

  private static void assertCommonOptions(List<String> words) {
    assertPair(words, "--class", "dev.nabla.cli.Main");
    assertPair(words, "--conf", "spark.executorEnv.OPENBLAS_NUM_THREADS=1");
    for (String side : List.of("driver", "executor")) {
      String opts = words.stream().filter(w -> w.startsWith("spark." + side + ".extraJavaOptions=")).findFirst()
          .orElseThrow(() -> new AssertionError("no spark." + side + ".extraJavaOptions in " + words));
      assertTrue(opts.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), opts);
    }
  }

  @Test
  void standaloneLineAsksForInstancesTimesCoresAndPassesArgumentsThrough() {
    Script.Result r = Script.run(SPARK, "submit-standalone.sh", dryRun("conf/cluster-standalone.properties", NABLA));
    assertEquals(0, r.status(), r.err());
    List<String> words = r.words();
    assertEquals("/opt/spark-test/bin/spark-submit", words.get(0));
    assertPair(words, "--master", "spark://127.0.0.1:7077");
    assertPair(words, "--deploy-mode", "client");
    assertPair(words, "--total-executor-cores", "2");
    assertPair(words, "--executor-cores", "1");
    assertPair(words, "--executor-memory", "1g");
    assertPair(words, "--driver-memory", "2g");
    assertCommonOptions(words);
    assertTrue(assertEndsWithJarAndArgs(words).matches(".*/target/nabla-[^/]+\\.jar"), words.toString());
  }

  @Test
  void yarnLineHasQueueExecutorCountAndApplicationMasterEnvironment() {
    Script.Result r = Script.run(SPARK, "submit-yarn.sh", dryRun("conf/cluster-yarn.properties", NABLA));
    assertEquals(0, r.status(), r.err());
    List<String> words = r.words();
    assertPair(words, "--master", "yarn");
    assertPair(words, "--deploy-mode", "cluster");
    assertPair(words, "--num-executors", "4");
    assertPair(words, "--queue", "default");
    assertPair(words, "--conf", "spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1");
    assertCommonOptions(words);
    assertEndsWithJarAndArgs(words);
  }

  @Test
  void kubernetesLineHasImageNamespaceAccountAndTheJarInsideTheImage() {
    Script.Result r = Script.run(SPARK, "submit-k8s.sh", dryRun("conf/cluster-k8s.properties", NABLA));
    assertEquals(0, r.status(), r.err());
    List<String> words = r.words();
    assertPair(words, "--master", "k8s://https://kubernetes.default.svc:443");
    assertPair(words, "--conf", "spark.executor.instances=4");
    assertPair(words, "--conf", "spark.kubernetes.container.image=registry.example.com/nabla:0.1.0");
    assertPair(words, "--conf", "spark.kubernetes.namespace=default");
    assertPair(words, "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=spark");
    assertPair(words, "--conf", "spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=1");
    assertCommonOptions(words);
    assertEquals("local:///opt/nabla/nabla.jar", assertEndsWithJarAndArgs(words));
  }

  @Test
  void sparkKeysOfTheConfigFileArePassedAsConfAndAppJarOverridesTheBuiltJar() throws IOException {
    Path conf = Files.writeString(dir.resolve("my.properties"), String.join("\n", "# a comment", "master = spark://h:7077",
        "deploy.mode=cluster", "executor.instances=3", "executor.cores=4", "executor.memory=8g", "driver.memory=1g",
        "app.jar=hdfs://nn/jars/nabla.jar", "spark.serializer=org.apache.spark.serializer.KryoSerializer", ""));
    Script.Result r = Script.run(SPARK, "submit-standalone.sh", dryRun(conf.toString(), NABLA));
    assertEquals(0, r.status(), r.err());
    List<String> words = r.words();
    assertPair(words, "--master", "spark://h:7077");
    assertPair(words, "--total-executor-cores", "12");
    assertPair(words, "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer");
    assertEquals("hdfs://nn/jars/nabla.jar", assertEndsWithJarAndArgs(words));
  }

  @Test
  void missingConfigFileExitsTwoNamingTheFile() {
    for (String script : List.of("submit-standalone.sh", "submit-yarn.sh", "submit-k8s.sh")) {
      Script.Result r = Script.run(SPARK, script, dryRun("conf/no-such.properties", NABLA));
      assertEquals(2, r.status(), script + ": " + r.err());
      assertTrue(r.err().contains("config file conf/no-such.properties not found"), script + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertEquals("", r.out(), "nothing printed as a line");
    }
  }

  @Test
  void missingKeyExitsTwoNamingFileAndKey() throws IOException {
    Path conf = Files.writeString(dir.resolve("no-queue.properties"), String.join("\n", "master=yarn",
        "deploy.mode=cluster", "executor.instances=3", "executor.cores=4", "executor.memory=8g", "driver.memory=1g"));
    Script.Result r = Script.run(SPARK, "submit-yarn.sh", dryRun(conf.toString(), NABLA));
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(conf + ": missing key 'queue'"), r.err());
    Script.Result k8s = Script.run(SPARK, "submit-k8s.sh", dryRun(conf.toString(), NABLA));
    assertEquals(2, k8s.status(), k8s.err());
    assertTrue(k8s.err().contains("missing key 'container.image'"), k8s.err());
  }

  @Test
  void nonNumericExecutorCountExitsTwoNamingFileAndLine() throws IOException {
    Path conf = Files.writeString(dir.resolve("bad.properties"), String.join("\n", "master=spark://h:7077",
        "deploy.mode=client", "executor.instances=two", "executor.cores=1", "executor.memory=1g", "driver.memory=1g"));
    Script.Result r = Script.run(SPARK, "submit-standalone.sh", dryRun(conf.toString(), NABLA));
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(conf + ":3: executor.instances=two is not a positive integer"), r.err());
  }

  @Test
  void missingNablaCommandOrConfigIsAUsageError() {
    Script.Result noCommand = Script.run(SPARK, "submit-standalone.sh", "--dry-run", "--config",
        "conf/cluster-standalone.properties", "--");
    assertEquals(2, noCommand.status(), noCommand.err());
    assertTrue(noCommand.err().contains("no nabla command after '--'"), noCommand.err());
    Script.Result noConfig = Script.run(SPARK, "submit-yarn.sh", "--dry-run", "--", "train");
    assertEquals(2, noConfig.status(), noConfig.err());
    assertTrue(noConfig.err().contains("no --config FILE"), noConfig.err());
  }

  @Test
  void yarnWithoutSparkHomeRefusesToRunButStillPrintsTheDryRunLine() {
    Script.Result run = Script.run(Map.of(), "submit-yarn.sh", "--config", "conf/cluster-yarn.properties", "--", "train");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("set SPARK_HOME"), run.err());
    Script.Result dry = Script.run(Map.of(), "submit-yarn.sh", dryRun("conf/cluster-yarn.properties", NABLA));
    assertEquals(0, dry.status(), dry.err());
    assertEquals("spark-submit", dry.words().get(0));
  }
}
