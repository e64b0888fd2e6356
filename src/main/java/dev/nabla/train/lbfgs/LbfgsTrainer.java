package dev.nabla.train.lbfgs;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Regularization;
import dev.nabla.train.Evaluation;
import dev.nabla.train.FullBatchJob;
import dev.nabla.train.TargetScaling;
import dev.nabla.train.TrainDefaults;
import dev.nabla.train.TrainResult;
import dev.nabla.train.TrainSettings;
import dev.nabla.train.TrainingSet;
import dev.nabla.report.EpochMetrics;
import dev.nabla.report.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Full-batch L-BFGS (Liu &amp; Nocedal 1989, "On the limited memory BFGS method for large scale
 * optimization") through Breeze's {@code breeze.optimize.LBFGS}, as Spark MLlib's MLP does, so that a
 * run compares with MLlib like for like. It minimizes the MEAN loss over all training rows plus an
 * optional L2 penalty λ2/2 ‖W‖² on the weights (biases excluded); see {@link FullBatchObjective}. Every
 * evaluation at a new point is one distributed pass over all cached rows ({@link FullBatchJob}); an
 * iteration costs one pass or more (Breeze's strong-Wolfe line search).
 *
 * <p>Each L-BFGS iteration is reported to the listener as an "epoch": the MEAN training loss at the new
 * point (penalty excluded, like {@link Trainer}), the validation metrics, and as "learning rate" the
 * step α the line search took along the quasi-Newton direction. {@code epochs} of the settings is the
 * maximum number of iterations; Breeze stops earlier when the objective converges (its relative
 * function-value and gradient-norm tests at {@code tolerance}) or the line search fails twice. The
 * settings' learning rate and batch size are not used. Spark jobs are named {@code nabla lbfgs iteration
 * i/N} (i = 0: the starting point) and {@code … evaluation} for the validation pass. A NaN or infinite
 * loss or gradient at the starting point or at an accepted iterate stops the run with a
 * {@link DivergenceException}; at a trial point of the line search, Breeze shortens the step instead.
 *
 * <p>With standardized targets ({@link TargetScaling}, the settings' {@code targetScaling}) the passes read
 * y' = (y − μ)/σ, so L-BFGS minimizes the mean loss' (penalty on θ as trained); the reported training loss is
 * σ² · loss', and the validation metrics and the result are of θ with σ and μ folded into the output layer, in
 * data units, as {@link dev.nabla.train.Trainer} reports them.
 */
public final class LbfgsTrainer {
  /** MLlib's number of corrections (m, the memory of past updates), from {@link TrainDefaults#SHIPPED}. */
  public static final int DEFAULT_MEMORY = TrainDefaults.SHIPPED.lbfgsMemory();
  /** MLlib MLP's default convergence tolerance ({@code tol}), passed to Breeze unchanged, from {@link TrainDefaults}. */
  public static final double DEFAULT_TOLERANCE = TrainDefaults.SHIPPED.lbfgsTolerance();

  private final JavaSparkContext sc;
  private final double l2;

  /** Without a penalty. */
  public LbfgsTrainer(JavaSparkContext sc) {
    this(sc, 0);
  }

  /** With the L2 penalty λ2/2 ‖W‖² on the weights, λ2 ≥ 0. */
  public LbfgsTrainer(JavaSparkContext sc, double l2) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a number ≥ 0, got " + l2);
    }
    this.sc = sc;
    this.l2 = l2;
  }

  /**
   * Trains from the settings' initial parameters ({@code s.init()} seeded by {@code s.initSeed()}).
   *
   * @param validation may be null
   * @param memory m ≥ 1, the number of past updates kept ({@link #DEFAULT_MEMORY})
   * @param tolerance ≥ 0, Breeze's convergence tolerance ({@link #DEFAULT_TOLERANCE})
   */
  public TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, int memory, double tolerance,
      TrainingListener listener) {
    double[] params = s.init().initialize(s.topology(), s.initSeed());
    return fit(train, validation, s, memory, tolerance, listener, params);
  }

  /** Trains from the given parameters (overwritten with the final ones, in data units, and returned in the result). */
  public TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, int memory, double tolerance,
      TrainingListener listener, double[] params) {
    if (memory < 1) {
      throw new IllegalArgumentException("memory must be a positive integer (MLlib uses 10), got " + memory);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be a number ≥ 0 (MLlib uses 1e-6), got " + tolerance);
    }
    Topology t = s.topology();
    if (params.length != t.numParams()) {
      throw new IllegalArgumentException("params has length " + params.length + ", topology " + t + " needs "
          + t.numParams());
    }
    int n = s.epochs();
    sc.setJobDescription("nabla target scaling");
    TargetScaling targets = TargetScaling.forRun(train, s);
    try (FullBatchJob job = FullBatchJob.of(train, t, targets)) {
      return fit(train, validation, s, memory, tolerance, listener, params, n, job, targets);
    }
  }

  private TrainResult fit(TrainingSet train, TrainingSet validation, TrainSettings s, int memory, double tolerance,
      TrainingListener listener, double[] params, int n, FullBatchJob job, TargetScaling targets) {
    Topology t = s.topology();
    double lossFactor = targets == null ? 1 : targets.lossFactor();
    FullBatchObjective f = new FullBatchObjective(sc, job, t, Regularization.of(t, 0, l2), n);
    StepRecordingLbfgs lbfgs = new StepRecordingLbfgs(n, memory, tolerance);
    listener.onStart("L-BFGS " + t + ", " + train.rows() + " rows, full batch, memory " + memory + ", tolerance "
        + tolerance + (l2 > 0 ? ", l2 " + l2 : ""), n, 1);
    List<EpochMetrics> history = new ArrayList<>();
    long start = System.nanoTime();
    try {
      scala.collection.Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
          lbfgs.iterations(f.asBreeze(), FullBatchObjective.vector(params.clone()));
      int done = 0;
      long iterationStart = System.nanoTime();
      int passesBefore = f.passes();
      while (states.hasNext()) {
        f.startIteration(done + 1);
        FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state = states.next();
        if (state.iter() == 0) {
          f.requireFinite(FullBatchObjective.array(state.x()), 0);
        }
        if (state.iter() <= done) {
          continue; // the starting point, or a state repeated after a failed line search
        }
        done = state.iter();
        double[] x = FullBatchObjective.array(state.x());
        f.requireFinite(x, done);
        double trainLoss = f.meanLoss(x) * lossFactor;
        double trainSeconds = (System.nanoTime() - iterationStart) / 1e9;
        long samples = train.rows() * (f.passes() - passesBefore);
        double[] inDataUnits = targets == null ? x : targets.fold(t, x);
        Map<String, Double> val = validation == null ? Map.of() : validate(validation, inDataUnits, t, done, n);
        long now = System.nanoTime();
        EpochMetrics m = new EpochMetrics(done, trainLoss, val, lbfgs.lastStep, samples / trainSeconds,
            (now - iterationStart) / 1e9, (now - start) / 1e9);
        history.add(m);
        listener.onEpoch(m);
        System.arraycopy(inDataUnits, 0, params, 0, x.length);
        iterationStart = System.nanoTime();
        passesBefore = f.passes();
      }
    } finally {
      sc.setJobDescription(null);
    }
    if (history.isEmpty() && targets != null) { // no iterate accepted: the starting point, in data units
      System.arraycopy(targets.fold(t, params), 0, params, 0, params.length);
    }
    return new TrainResult(params, history, (System.nanoTime() - start) / 1e9);
  }

  private Map<String, Double> validate(TrainingSet validation, double[] x, Topology t, int i, int n) {
    sc.setJobDescription("nabla lbfgs iteration " + i + "/" + n + " evaluation");
    Broadcast<double[]> bc = sc.broadcast(x);
    try {
      return Evaluation.summary(validation, bc, t);
    } finally {
      bc.destroy();
    }
  }

  /** Breeze's L-BFGS, unchanged, remembering the step α of its last line search. */
  private static final class StepRecordingLbfgs extends LBFGS<DenseVector<Object>> {
    private static final long serialVersionUID = 1L;
    double lastStep = Double.NaN;

    StepRecordingLbfgs(int maxIter, int memory, double tolerance) {
      super(maxIter, memory, tolerance, DenseVector.space_Double());
    }

    @Override public double determineStepSize(
        FirstOrderMinimizer.State<DenseVector<Object>, Object, LBFGS.ApproximateInverseHessian<DenseVector<Object>>> state,
        DiffFunction<DenseVector<Object>> f, DenseVector<Object> direction) {
      lastStep = super.determineStepSize(state, f, direction);
      return lastStep;
    }
  }
}
