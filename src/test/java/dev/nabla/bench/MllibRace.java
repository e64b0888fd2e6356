package dev.nabla.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Section 1 of the Spark benchmark: Spark MLlib's {@link MultilayerPerceptronClassifier} (784-128-10,
 * sigmoid hidden layer, softmax output, its L-BFGS solver, block size 128, a fixed seed, tol 0 so that
 * every fit runs its maxIter iterations). Each maxIter is a separate fit, timed from the call of
 * {@code fit} to its return; the test accuracy is computed afterwards, untimed. L-BFGS is deterministic,
 * so the fit with maxIter k ends at the k-th iterate of any longer fit with the same seed.
 */
final class MllibRace {
  private final Dataset<Row> train;
  private final Dataset<Row> test;
  private final long seed;

  /** @param train and {@code test}: columns label and features, cached and counted by the caller */
  MllibRace(Dataset<Row> train, Dataset<Row> test, long seed) {
    this.train = train;
    this.test = test;
    this.seed = seed;
  }

  /**
   * One fit.
   *
   * @param maxIter the iteration limit given to MLlib
   * @param iterations the iterations MLlib reports it ran (its training summary)
   * @param fitSeconds wall time of {@code fit}
   * @param testAccuracy accuracy on the test frame
   */
  record Fit(int maxIter, int iterations, double fitSeconds, double testAccuracy) {
  }

  /**
   * The time to a target accuracy.
   *
   * @param grid the fits at the plan's maxIter values, ascending
   * @param bisection the extra fits of the bisection, in the order run
   * @param best the fit with the fewest iterations at or above the target, or null when none is
   * @param method how {@code best} was found, in words
   */
  record Result(List<Fit> grid, List<Fit> bisection, Fit best, String method) {
    Result {
      grid = List.copyOf(grid);
      bisection = List.copyOf(bisection);
    }
  }

  /** Fits once with maxIter 3 and discards it, so that the timed fits run JIT-compiled code. */
  void warmUp() {
    fit(3);
  }

  /** The grid of fits, then at most {@code maxBisections} fits bisecting the bracketing pair. */
  Result race(int[] maxIters, double target, int maxBisections) {
    return search(maxIters, target, maxBisections, this::fit);
  }

  /**
   * The search of {@link #race} with any fitter: fits every grid value; if one reaches the target, bisects
   * maxIter between the largest grid value below the target (0 if none) and the first reaching it, while
   * they are more than one apart and fits remain; the result's best is the smallest maxIter seen reaching it.
   */
  static Result search(int[] maxIters, double target, int maxBisections, IntFunction<Fit> fitter) {
    List<Fit> grid = new ArrayList<>();
    for (int k : maxIters) {
      grid.add(fitter.apply(k));
    }
    Fit best = null;
    int below = 0;
    for (Fit f : grid) {
      if (f.testAccuracy() >= target) {
        best = f;
        break;
      }
      below = f.maxIter();
    }
    List<Fit> bisection = new ArrayList<>();
    if (best == null) {
      return new Result(grid, bisection, null, "not reached at maxIter " + maxIters[maxIters.length - 1]);
    }
    int lo = below;
    while (bisection.size() < maxBisections && best.maxIter() - lo > 1) {
      int mid = (lo + best.maxIter()) / 2;
      Fit f = fitter.apply(mid);
      bisection.add(f);
      if (f.testAccuracy() >= target) {
        best = f;
      } else {
        lo = mid;
      }
    }
    String method = bisection.isEmpty() ? "smallest grid maxIter reaching the target"
        : "bisection over maxIter (" + bisection.size() + " extra fits, assuming accuracy grows with iterations): "
            + "reached at maxIter " + best.maxIter() + ", not at " + (lo == 0 ? "any grid value below" : lo);
    return new Result(grid, bisection, best, method);
  }

  /** The section's table: every fit in the order run, then the time to target and how it was found. */
  static Section section(Result r, double target) {
    Section out = new Section("mllib", "1. Spark MLlib MultilayerPerceptronClassifier (784-128-10, l-bfgs, blockSize 128, "
        + "tol 0)", "maxIter", "iterations run", "fit time", "test accuracy", "≥ " + target);
    List<Object> fits = new ArrayList<>();
    List<Fit> all = new ArrayList<>(r.grid());
    all.addAll(r.bisection());
    for (Fit f : all) {
      out.row(f.maxIter() + (r.bisection().contains(f) ? " (bisection)" : ""), f.iterations(), Section.s(f.fitSeconds()),
          Section.num("%.4f", f.testAccuracy()), f.testAccuracy() >= target ? "yes" : "no");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("max_iter", f.maxIter());
      m.put("iterations", f.iterations());
      m.put("fit_s", f.fitSeconds());
      m.put("test_accuracy", f.testAccuracy());
      m.put("bisection", r.bisection().contains(f));
      fits.add(m);
    }
    out.note("MLlib time to " + target + ": " + (r.best() == null ? "not reached" : Section.s(r.best().fitSeconds())
        + " (maxIter " + r.best().maxIter() + ")") + "; method: " + r.method() + ". Fit time only (the data frame "
        + "was cached and counted before; one untimed warm-up fit of 3 iterations ran first).");
    double[] line = timePerIteration(all);
    if (r.best() != null && !Double.isNaN(line[1])) {
      double estimate = line[0] + line[1] * r.best().iterations();
      out.note("Check against outside load: a least-squares line through all " + all.size() + " fits gives "
          + Section.num("%.3f", line[1]) + " s per iteration + " + Section.num("%.1f", line[0]) + " s per fit, i.e. "
          + Section.s(estimate) + " for " + r.best().iterations() + " iterations.");
      out.put("line_s_per_iteration", line[1]);
      out.put("line_s_per_fit", line[0]);
      out.put("line_seconds_to_target", estimate);
    }
    out.put("fits", fits);
    out.put("seconds_to_target", r.best() == null ? null : r.best().fitSeconds());
    out.put("max_iter_at_target", r.best() == null ? null : r.best().maxIter());
    out.put("method", r.method());
    return out;
  }

  /** {a, b} of the least-squares line fit time = a + b · iterations; NaNs with fewer than two distinct counts. */
  static double[] timePerIteration(List<Fit> fits) {
    int n = fits.size();
    double mk = fits.stream().mapToDouble(Fit::iterations).average().orElse(Double.NaN);
    double mt = fits.stream().mapToDouble(Fit::fitSeconds).average().orElse(Double.NaN);
    double skk = 0;
    double skt = 0;
    for (Fit f : fits) {
      skk += (f.iterations() - mk) * (f.iterations() - mk);
      skt += (f.iterations() - mk) * (f.fitSeconds() - mt);
    }
    if (n < 2 || skk == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double b = skt / skk;
    return new double[] {mt - b * mk, b};
  }

  /** One timed fit with the given maxIter, then its (untimed) test accuracy. */
  Fit fit(int maxIter) {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {Mnist.FEATURES, 128, Mnist.CLASSES})
        .setSolver("l-bfgs")
        .setBlockSize(128)
        .setSeed(seed)
        .setTol(0.0)
        .setMaxIter(maxIter);
    train.sparkSession().sparkContext().setJobDescription("MLlib MLP fit maxIter " + maxIter);
    long t0 = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlp.fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    train.sparkSession().sparkContext().setJobDescription("MLlib MLP test accuracy maxIter " + maxIter);
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(model.transform(test));
    train.sparkSession().sparkContext().setJobDescription(null);
    return new Fit(maxIter, model.summary().totalIterations(), seconds, accuracy);
  }
}
