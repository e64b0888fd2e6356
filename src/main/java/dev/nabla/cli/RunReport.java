package dev.nabla.cli;

import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.Manifest;
import dev.nabla.model.Model;
import dev.nabla.nn.Topology;
import dev.nabla.report.ReportData;
import dev.nabla.report.ReportFile;
import dev.nabla.report.ReportPage;
import dev.nabla.train.Evaluation;
import dev.nabla.train.TrainResult;
import dev.nabla.train.TrainingSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** {@code --report FILE.html}: turns a finished run (model, history, final evaluation) into the HTML report. */
final class RunReport {
  private RunReport() {
  }

  /** Refuses an existing report before training starts, unless --overwrite. */
  static void refuseExisting(String path, boolean overwrite, Configuration conf) {
    if (path != null && !overwrite && ReportFile.exists(path, conf)) {
      throw new UsageException("--report: " + path + " already exists; pass --overwrite to replace it");
    }
  }

  /**
   * Writes the report atomically.
   *
   * @param configuration the run's settings, in display order
   * @param evaluatedOn what {@code metrics} were measured on (e.g. "test data PATH"); null when nothing was
   * @param metrics {@link ClassificationMetrics} or {@link dev.nabla.model.RegressionMetrics}; null when nothing
   */
  static void write(String path, boolean overwrite, Configuration conf, Model model, TrainResult result,
      Map<String, String> configuration, String evaluatedOn, Object metrics) {
    ReportData.ClassResults classes = null;
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (metrics != null) {
      finalMetrics.putAll(TestRun.summary(metrics));
      if (metrics instanceof ClassificationMetrics c) {
        int k = c.numClasses();
        double[] p = new double[k];
        double[] r = new double[k];
        double[] f = new double[k];
        for (int i = 0; i < k; i++) {
          p[i] = c.precision(i);
          r[i] = c.recall(i);
          f[i] = c.f1(i);
        }
        classes = new ReportData.ClassResults(c.confusion(), p, r, f);
      }
    }
    ReportData data = new ReportData(model.topology().toString(), result.history(), result.keptEpoch(),
        configuration, manifest(model.manifest()), metrics == null ? null : evaluatedOn, classes, finalMetrics);
    try {
      ReportFile.write(path, ReportPage.render(data), conf, overwrite);
    } catch (IllegalStateException e) {
      throw new UsageException("--report: " + e.getMessage());
    }
  }

  /** The manifest's fields as display strings, in the order of manifest.json. */
  static Map<String, String> manifest(Manifest m) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("nablaVersion", m.nablaVersion());
    out.put("sparkVersion", m.sparkVersion());
    out.put("javaVersion", m.javaVersion());
    out.put("createdAt", m.createdAt());
    out.put("layers", Arrays.toString(m.layers()));
    out.put("activations", m.activations().toString());
    out.put("loss", m.loss());
    out.put("task", m.task().toString());
    out.put("numClasses", Integer.toString(m.numClasses()));
    out.put("scaling", m.scaling());
    out.put("seed", Long.toString(m.seed()));
    m.hyperParameters().forEach((k, v) -> out.put("hyperParameters." + k, v));
    m.dataPaths().forEach((k, v) -> out.put("dataPaths." + k, v));
    out.put("trainingSeconds", Double.toString(m.trainingSeconds()));
    m.finalMetrics().forEach((k, v) -> out.put("finalMetrics." + k, Double.toString(v)));
    m.notes().forEach((k, v) -> out.put("notes." + k, v));
    return out;
  }

  /** Final metrics of the kept parameters on a packed set, for the report. */
  static Object evaluate(JavaSparkContext sc, TrainingSet set, double[] params, Topology t) {
    sc.setJobDescription("nabla report evaluation");
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return set.numClasses() > 0 ? Evaluation.classification(set, bc, t) : Evaluation.regression(set, bc, t);
    } finally {
      bc.destroy();
    }
  }

  /** The run's settings for the report: topology, task, data, hyper-parameters, outputs. */
  static Map<String, String> configuration(TrainCommand cmd, Settings settings, Map<String, String> dataPaths,
      int partitions) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("topology", settings.topology().toString());
    m.put("task", settings.task().toString().toLowerCase(Locale.ROOT));
    dataPaths.forEach(m::put);
    if (cmd.validationFraction > 0) {
      m.put("validation-fraction", Double.toString(cmd.validationFraction));
    }
    m.put("seed", Long.toString(settings.seed()));
    settings.hyperParameters(partitions).forEach(m::put);
    if (cmd.modelOut != null) {
      m.put("model-out", cmd.modelOut);
    }
    if (cmd.metricsOut != null) {
      m.put("metrics-out", cmd.metricsOut);
    }
    return m;
  }
}
