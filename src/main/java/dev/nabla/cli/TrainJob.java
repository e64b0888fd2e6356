package dev.nabla.cli;

import dev.nabla.model.Manifest;
import dev.nabla.nn.Blas;
import dev.nabla.model.Model;
import dev.nabla.model.ModelIO;
import dev.nabla.model.Scaling;
import dev.nabla.report.MetricsLog;
import dev.nabla.report.TrainingListener;
import dev.nabla.train.Checkpoint;
import dev.nabla.train.Checkpoints;
import dev.nabla.train.lbfgs.LbfgsTrainer;
import dev.nabla.train.TrainResult;
import dev.nabla.train.StepEngine;
import dev.nabla.train.Trainer;
import dev.nabla.train.TrainingSet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** What {@code nabla train} does, step by step: check, read, scale, pack, train, save, test. */
final class TrainJob {
  private final TrainCommand cmd;
  private final Settings settings;
  /** --step-engine, else spark.nabla.stepEngine, else stream; set when Spark has started. */
  private StepEngine engine;

  TrainJob(TrainCommand cmd) {
    this.cmd = cmd;
    this.settings = Settings.of(cmd.model, cmd.data, cmd.dp, flag -> ConfigFile.given(cmd.spec, flag));
  }

  int run() {
    ValidationChoice.resolve(cmd, cmd.spec.commandLine().getParseResult(), System.out);
    RunOutputs.check(cmd);
    cmd.compute.check();
    if (cmd.sparkOptions.partitions < 0) {
      throw new UsageException("--partitions must be 0 (Spark's default) or a positive integer, got " + cmd.sparkOptions.partitions);
    }
    StepEngine chosen = cmd.stepEngine == null ? null : usage("--", () -> StepEngine.parse(cmd.stepEngine));
    SparkSession spark = SparkSessions.start(cmd.sparkOptions, "nabla train");
    try {
      return run(spark, chosen);
    } finally {
      spark.stop();
    }
  }

  private int run(SparkSession spark, StepEngine chosen) {
    System.out.println("BLAS: " + Blas.description());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    engine = chosen != null ? chosen : usage("", () -> StepEngine.fromConf(sc.getConf()));
    Configuration hadoop = sc.hadoopConfiguration();
    refuseExistingModel(hadoop);
    RunReport.refuseExisting(cmd.report, cmd.output.overwrite, hadoop);
    MetricsLog metrics = cmd.metricsOut == null ? null : new MetricsLog(cmd.metricsOut, hadoop, cmd.metricsEverySteps);
    try {
      return train(spark, sc, hadoop, metrics);
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  private int train(SparkSession spark, JavaSparkContext sc, Configuration hadoop, MetricsLog metrics) {
    TrainingData data = TrainingData.prepare(spark, sc, cmd, settings);
    TrainingSet train = data.train();
    TrainingSet validation = data.validation();
    Scaling scaling = data.scaling();
    int numClasses = data.numClasses();
    int partitions = data.partitions();
    long rows = train.rows();
    if (settings.poisson() && settings.trainSettings().batchSize() > rows) {
      throw new UsageException("--batch-size " + settings.trainSettings().batchSize() + " exceeds the " + rows
          + " training rows; Poisson sampling (DP-SGD, --sampling poisson) needs a batch size ≤ the rows");
    }
    PrivacyNotes.warnLargeDelta(settings.privacy(), rows, System.out);
    PrivacyNotes.warnScaling(settings.privacy(), scaling.kind(), System.out);
    PrivacyNotes.warnTargetScaling(settings.privacy(), settings.trainSettings().targetScaling(), System.out);

    TrainingListener listener = RunOutputs.listener(cmd, metrics);
    TrainResult result;
    if (settings.lbfgs() != null) {
      if (cmd.checkpointDir != null || cmd.resume) {
        throw new UsageException("--checkpoint-dir/--resume are for the mini-batch optimizers, not --optimizer lbfgs");
      }
      Settings.Lbfgs lb = settings.lbfgs();
      System.out.println("lbfgs: full batch, up to " + settings.trainSettings().epochs() + " iterations"
          + " (--batch-size and --learning-rate do not apply)");
      if (cmd.compute.precision() != dev.nabla.nn.Precision.FLOAT64) {
        throw new UsageException("--precision " + cmd.compute.precision().cliName() + " is for the mini-batch "
            + "optimizers; --optimizer lbfgs computes in float64");
      }
      result = new LbfgsTrainer(sc, lb.l2()).fit(train, validation, settings.trainSettings(), lb.memory(),
          lb.tolerance(), listener);
    } else {
      Checkpoints store = checkpoints(hadoop);
      Checkpoint from = null;
      if (cmd.resume) {
        from = store.latest();
        if (from == null) {
          throw new UsageException("--resume: no complete checkpoint in " + cmd.checkpointDir);
        }
        System.out.println("resuming from epoch " + (from.epoch() + 1) + " step " + (from.step() + 1) + " (checkpoint in "
            + cmd.checkpointDir + ")");
      }
      try {
        result = new Trainer(sc).stepEngine(engine).precision(cmd.compute.precision())
            .treeFanout(cmd.compute.treeFanout()).float32Wire(cmd.compute.float32Wire)
            .shuffleWindow(cmd.compute.shuffleWindowBytes())
            .earlyStopping(settings.earlyStopping()).checkpoints(store)
            .resumeFrom(from).dataSettings(DataIdentity.of(cmd, settings, hadoop))
            .privacy(settings.privacy()).poissonSampling(settings.poisson())
            .fit(train, validation, settings.trainSettings(), settings.optimization(), listener);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("--dp")) {
          throw new UsageException(e.getMessage());
        }
        throw e;
      }
    }

    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (!result.history().isEmpty()) {
      var kept = result.history().get(result.keptEpoch() - 1);
      finalMetrics.put("train_loss", kept.trainLoss());
      kept.validation().forEach((k, v) -> finalMetrics.put("val_" + k, v));
    }
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put("epochs_run", Integer.toString(result.history().size()));
    notes.put("kept_epoch", Integer.toString(result.keptEpoch()));
    if (result.keptEpoch() != result.history().size()) {
      System.out.println("early stopping: kept the parameters of epoch " + result.keptEpoch() + " of "
          + result.history().size());
    }
    PrivacyNotes.add(notes, settings.privacy(), rows, settings.trainSettings(), result.history());
    Map<String, String> hyper = settings.hyperParameters(partitions);
    hyper.put("storage-precision", cmd.compute.storagePrecision);
    if (settings.lbfgs() == null) {
      // the model's parameters are the float64 master weights whatever the products' precision
      hyper.put("precision", cmd.compute.precision().cliName());
      hyper.put("tree-fanout", Integer.toString(cmd.compute.treeFanout()));
      hyper.put("float32-wire", Boolean.toString(cmd.compute.float32Wire));
    }
    Model model = new Model(settings.topology(), result.params(), scaling, settings.task(), numClasses,
        Manifest.create(settings.topology(), settings.task(), numClasses, scaling.kind(), settings.seed(),
            hyper, dataPaths(), result.trainingSeconds(), finalMetrics, notes));
    Object evaluated = null;
    String evaluatedOn = null;
    if (cmd.test != null) {
      evaluated = new TestRun(spark, cmd.data).evaluatePrinted(model, cmd.test, partitions, System.out);
      evaluatedOn = "test data " + cmd.test;
      Map<String, Double> testMetrics = TestRun.summary(evaluated);
      testMetrics.forEach((k, v) -> finalMetrics.put("test_" + k, v));
      model = model.withManifest(model.manifest().withFinalMetrics(finalMetrics));
      if (metrics != null) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("event", "end");
        testMetrics.forEach((k, v) -> end.put("test_" + k, v));
        end.put("wall_s", result.trainingSeconds());
        metrics.write(end);
      }
    } else if (metrics != null) {
      metrics.write(Map.of("event", "end", "wall_s", result.trainingSeconds()));
    }
    if (cmd.modelOut != null) {
      ModelIO.save(model, cmd.modelOut, cmd.output.overwrite, hadoop);
    }
    if (cmd.report != null) {
      if (evaluated == null && validation != null) {
        evaluated = RunReport.evaluate(sc, validation, result.params(), settings.topology());
        evaluatedOn = "validation data (" + validation.rows() + " rows)";
      }
      RunReport.write(cmd.report, cmd.output.overwrite, hadoop, model, result,
          RunReport.configuration(cmd, settings, dataPaths(), partitions), evaluatedOn,
          evaluated);
    }
    RunOutputs.printSummary(cmd, result);
    data.release();
    return ExitStatus.OK;
  }

  /** The value {@code parse} gives; its IllegalArgumentException as a usage error (message after {@code prefix}). */
  private static StepEngine usage(String prefix, java.util.function.Supplier<StepEngine> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(prefix + e.getMessage());
    }
  }

  /** The checkpoint store of --checkpoint-dir, or null. */
  private Checkpoints checkpoints(Configuration hadoop) {
    if (cmd.checkpointDir == null) {
      if (cmd.resume) {
        throw new UsageException("--resume needs --checkpoint-dir, the directory of the interrupted run's checkpoints");
      }
      return null;
    }
    boolean perEpoch = switch (cmd.checkpointUnit) {
      case "epochs" -> true;
      case "steps" -> false;
      default -> throw new UsageException("--checkpoint-unit: unknown unit '" + cmd.checkpointUnit
          + "': expected epochs or steps");
    };
    try {
      return new Checkpoints(cmd.checkpointDir, hadoop, cmd.checkpointEvery, perEpoch, cmd.checkpointKeep);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  private void refuseExistingModel(Configuration hadoop) {
    if (cmd.modelOut == null || cmd.output.overwrite) {
      return;
    }
    try {
      Path p = new Path(cmd.modelOut);
      if (p.getFileSystem(hadoop).exists(p)) {
        throw new UsageException("--model-out: model directory " + cmd.modelOut
            + " already exists; pass --overwrite to replace it");
      }
    } catch (IOException e) {
      throw new UsageException("--model-out: cannot check " + cmd.modelOut + ": " + e.getMessage());
    }
  }

  private Map<String, String> dataPaths() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("train", cmd.train);
    if (cmd.validation != null) {
      m.put("validation", cmd.validation);
    }
    if (cmd.test != null) {
      m.put("test", cmd.test);
    }
    m.put("format", cmd.data.format);
    return m;
  }
}
