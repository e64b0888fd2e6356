package dev.nabla.bench;

import dev.nabla.optim.ScheduleConfig;
import dev.nabla.train.Optimization;
import dev.nabla.train.StepEngine;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.SparkDefaults;
import dev.nabla.train.TrainingSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark benchmark of issue 6, every contender in one JVM and one local[2] session on MNIST:
 * (1) MLlib's MLP time to the target accuracy, (2) Nabla's, (3) Nabla's per-step overhead against an
 * empty Spark job, (4) Nabla's training GFLOP/s against dgemm, (6) the DP-SGD step's cost; (5), the same
 * overhead on a standalone cluster, runs in a second JVM whose master is that cluster (bench.sh starts it). Prints markdown (a header line, one table per section, a summary of the targets) and, with
 * {@code --json FILE}, the same figures as JSON. Run it through {@code submit-scripts/bench.sh}.
 */
public final class SparkBench {
  static final String USAGE = "usage: SparkBench [--quick] [--json FILE] [--data DIR] [--sections 1,2,3,4,6]\n"
      + "                  [--nabla-batch N] [--nabla-lr X] [--nabla-optimizer NAME] [--precision P] [--mllib-iters L]\n"
      + "  --quick         small data and few repetitions: a smoke run well under a minute (CI)\n"
      + "  --json FILE     also write the results as JSON to FILE\n"
      + "  --data DIR      the MNIST IDX files (default data/mnist; submit-scripts/fetch-mnist.sh puts them there)\n"
      + "  --sections L    run only these sections (default 1,2,3,4,6,7; 6 = DP-SGD step cost; 7 = data scaling; 5 = the\n"
      + "                  step overhead on a standalone cluster: only with a spark:// master)\n"
      + "  --mllib-iters L  section 1 fits MLlib at exactly these maxIter values (comma-separated), no bisection\n"
      + "  --nabla-batch N, --nabla-lr X   Nabla's batch size and learning rate in section 2 (default 112, 0.022; --quick 256, 0.025)\n"
      + "  --nabla-optimizer NAME          Nabla's optimizer in section 2 (default adam)\n"
      + "  --nabla-schedule NAME           its learning-rate schedule (default cosine, over the maximum epochs)\n"
      + "  --nabla-epochs N                its maximum epochs (default: the plan's)\n"
      + "  --nabla-diagnostics             section 2 also computes the per-epoch diagnostics (off: the peers do not)\n"
      + "  --precision P                   float64 (default) or float32: Nabla's compute in sections 2 and 4 (4 then\n"
      + "                                  compares with sgemm instead of dgemm)";
  private static final int WORKERS = 2;
  /**
   * Epochs of the raced engine's warm-up: the JIT compiles per-step methods (a few calls a step) with C2 after
   * thousands of calls, so after one epoch it was still compiling them in the middle of the race's epochs
   * (-XX:+PrintCompilation: Network.checkParams, Backprop.bp4, BatchSchedule.windowOfPosition, …), on one of the two
   * cores the race steps on; after three, a few remain.
   */
  static final int WARMUP_EPOCHS = 3;

  private SparkBench() {
  }

  public static void main(String[] args) throws IOException {
    BenchArgs a;
    try {
      a = BenchArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SparkBench: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    if (a.help()) {
      System.out.println(USAGE);
      return;
    }
    SparkConf conf = SparkDefaults.apply(new SparkConf()
        .setMaster(System.getProperty("spark.master", "local[" + WORKERS + "]"))
        .setAppName("nabla SparkBench").set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false"));
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, a);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, BenchArgs a) throws IOException {
    BenchPlan plan = a.plan();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Mnist mnist = new Mnist(spark, a.data(), WORKERS);
    String header = CoreBench.header() + " | Spark " + spark.version() + " | master " + spark.sparkContext().master()
        + " | commit " + System.getProperty("nabla.bench.commit", "unknown") + " | plan " + plan.name();
    System.out.println(header);
    System.out.println();
    List<Section> sections = new ArrayList<>();
    long start;
    MllibRace.Result mllib = null;
    NablaRace.Result nabla = null;
    if (a.sections().contains(1)) {
      start = System.nanoTime();
      Dataset<Row> train = mnist.frame(Mnist.TRAIN, plan.trainRows());
      Dataset<Row> test = mnist.frame(Mnist.TEST, plan.testRows());
      MllibRace race = new MllibRace(train, test, CoreBench.SEED);
      race.warmUp();
      mllib = race.race(plan.mllibIterations(), plan.targetAccuracy(), plan.mllibBisections());
      train.unpersist(false);
      test.unpersist(false);
      print(sections, MllibRace.section(mllib, plan.targetAccuracy()), start);
    }
    if (a.sections().contains(2)) {
      start = System.nanoTime();
      TrainingSet train = mnist.trainingSet(Mnist.TRAIN, plan.trainRows());
      TrainingSet test = mnist.trainingSet(Mnist.TEST, plan.testRows());
      // Warm-up, untimed (MLlib's is 3 L-BFGS iterations, i.e. 3 passes): WARMUP_EPOCHS epochs over the training set
      // with the raced engine (the stream), evaluated on the test set; target 2 is never reached. The JIT compiles the
      // step's code here, not in the race. The one-job-per-step engine's comparison run, and its one warm-up epoch,
      // come after the race: its hundreds of jobs leave Spark's listener bus and context cleaner events and broadcasts
      // to work through, on the race's cores (measured: steps stalled 2-3 ms, one in ten, when it ran first).
      Optimization optimization = new Optimization(a.nablaOptimizer(), null, ScheduleConfig.of(a.nablaSchedule()), 0, 0,
          false, null);
      TrainSettings race = NablaRace.settings(NablaRace.INIT, plan.nablaBatch(), plan.nablaLearningRate(),
          plan.nablaMaxEpochs());
      NablaRace.Result[] results = new NablaRace.Result[2];
      StepEngine[] engines = {StepEngine.STREAM, StepEngine.JOBS};
      for (int e = 0; e < engines.length; e++) {
        NablaRace.run(sc, train, test, NablaRace.settings(NablaRace.INIT, plan.nablaBatch(), plan.nablaLearningRate(),
            engines[e] == StepEngine.STREAM ? WARMUP_EPOCHS : 1), optimization, 2.0, engines[e], a.precision(),
            a.nablaDiagnostics());
        results[e] = NablaRace.run(sc, train, test, race, optimization, plan.targetAccuracy(), engines[e],
            a.precision(), a.nablaDiagnostics());
      }
      nabla = results[0];
      NablaRace.Result jobs = results[1];
      train.data().release();
      test.data().release();
      print(sections, NablaRace.section(nabla, jobs, WORKERS), start);
    }
    MedianTimer timer = plan.name().equals("quick") ? MedianTimer.quick() : MedianTimer.full();
    if (a.sections().contains(3)) {
      start = System.nanoTime();
      print(sections, StepOverhead.run(sc, mnist, plan, timer, OverheadSite.LOCAL), start);
    }
    if (a.sections().contains(4)) {
      start = System.nanoTime();
      print(sections, ComputeEfficiency.run(sc, mnist, plan, timer, a.precision()), start);
    }
    if (a.sections().contains(6)) {
      start = System.nanoTime();
      print(sections, DpStepCost.run(sc, mnist, plan, timer), start);
    }
    if (a.sections().contains(7)) {
      start = System.nanoTime();
      print(sections, DataScaling.run(spark, a.data(), plan.name().equals("quick"), timer), start);
    }
    if (a.sections().contains(5)) {
      start = System.nanoTime();
      String master = spark.sparkContext().master();
      if (!master.startsWith("spark://")) {
        throw new IllegalArgumentException("section 5 needs a standalone master (spark://…), not " + master
            + ": run it through submit-scripts/bench.sh, which starts a local cluster");
      }
      print(sections, StepOverhead.run(sc, mnist, plan, timer, OverheadSite.CLUSTER), start);
    }
    mnist.close();
    Section summary = Summary.of(plan, mllib, nabla, sections);
    System.out.print(summary.markdown());
    System.out.println("Load average at end: " + CoreBench.loadAverage() + " (" + Runtime.getRuntime().availableProcessors()
        + " logical CPUs).");
    if (a.json() != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("header", header);
      json.put("plan", plan.name());
      for (Section s : sections) {
        json.put(s.key(), s.json());
      }
      json.put("summary", summary.json());
      json.put("load_average_at_end", CoreBench.loadAverage());
      Files.writeString(a.json(), Json.write(json), StandardCharsets.UTF_8);
      System.out.println("JSON written to " + a.json());
    }
  }

  private static void print(List<Section> sections, Section s, long sinceNanos) {
    double seconds = (System.nanoTime() - sinceNanos) / 1e9;
    s.note("(section run time, data loading included: " + Section.s(seconds) + ")");
    s.put("section_s", seconds);
    System.out.print(s.markdown());
    System.out.flush();
    sections.add(s);
  }
}
