package dev.nabla.ml;

import dev.nabla.model.Task;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Identity;
import dev.nabla.nn.Init;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;
import dev.nabla.optim.Clipping;
import dev.nabla.optim.OptimizerConfig;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ScheduleConfig;
import dev.nabla.train.Optimization;
import dev.nabla.train.TargetScalingKind;
import dev.nabla.train.TrainSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.param.Param;

/**
 * An estimator's Params turned into the training loop's validated records, once the data's shape is
 * known: the topology (classification: softmax output with cross-entropy; regression: identity output
 * with the quadratic loss), {@link TrainSettings} and {@link Optimization}. Errors name the param.
 *
 * @param settings topology, init, learning rate, batch size, epochs, seed, dropout, target scaling
 * @param optimization optimizer, its settings, schedule, penalties, clipping
 * @param hyperParameters the params as text, for the model's manifest
 */
record TrainingPlan(TrainSettings settings, Optimization optimization, Map<String, String> hyperParameters) {

  static TrainingPlan of(NablaParams<?> p, Task task, int numFeatures, int outputs, TargetScalingKind targetScaling) {
    int[] sizes = sizes(p, numFeatures, outputs, task);
    Activation hidden = Activation.parse(p.getActivation());
    boolean classification = task == Task.CLASSIFICATION;
    Topology t = Topology.of(sizes, hidden, classification ? new Softmax() : new Identity(),
        classification ? Loss.CROSS_ENTROPY : Loss.QUADRATIC);
    Init init = "auto".equals(p.getInit()) ? Init.defaultFor(hidden) : Init.parse(p.getInit());
    double[] rates = p.getDropout();
    Dropout dropout = null;
    if (rates.length > 0) {
      try {
        dropout = rates.length == 1 ? Dropout.uniform(t, rates[0]) : new Dropout(rates);
        dropout.checkFits(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("dropout " + Arrays.toString(rates) + " does not fit layers "
            + Arrays.toString(sizes) + ": " + e.getMessage());
      }
    }
    OptimizerConfig oc = new OptimizerConfig(opt(p, p.momentum()), opt(p, p.beta1()), opt(p, p.beta2()),
        opt(p, p.epsilon()), opt(p, p.weightDecay()), opt(p, p.rho()));
    String optimizer = p.getOptimizer().trim().toLowerCase(Locale.ROOT);
    ScheduleConfig schedule = new ScheduleConfig(p.getLrSchedule(), opt(p, p.lrDecay()), opt(p, p.lrStep()),
        opt(p, p.lrMin()), p.getWarmupSteps(), false, null, null, null, null);
    Optimization optimization = new Optimization(optimizer, oc, schedule, p.getL1(), p.getL2(), false,
        Clipping.of(opt(p, p.clipNorm()), opt(p, p.clipValue())));
    Optimizers.create(optimizer, oc, t.numParams(), t); // refuses a setting the optimizer does not use
    TrainSettings settings = new TrainSettings(t, init, p.getLearningRate(), p.getBatchSize(), p.getEpochs(),
        p.getSeed(), dropout, targetScaling);
    return new TrainingPlan(settings, optimization, text(p));
  }

  /** n_0..n_L: the layers param checked against the data, or n_0, hiddenLayers…, n_L. */
  private static int[] sizes(NablaParams<?> p, int numFeatures, int outputs, Task task) {
    if (!p.isSet(p.layers())) {
      int[] hidden = p.getHiddenLayers();
      int[] sizes = new int[hidden.length + 2];
      sizes[0] = numFeatures;
      System.arraycopy(hidden, 0, sizes, 1, hidden.length);
      sizes[sizes.length - 1] = outputs;
      return sizes;
    }
    int[] sizes = p.getLayers();
    String what = task == Task.CLASSIFICATION ? outputs + " classes" : "1 target";
    if (sizes[0] != numFeatures || sizes[sizes.length - 1] != outputs) {
      throw new IllegalArgumentException("layers " + Arrays.toString(sizes) + " must start with the feature count "
          + numFeatures + " and end with " + what + "; fix layers, or clear it and set hiddenLayers only");
    }
    return sizes;
  }

  /** An optional param's value, or null when unset. */
  @SuppressWarnings("unchecked")
  private static <T> T opt(NablaParams<?> p, Param<?> param) {
    return p.isDefined(param) ? (T) p.getOrDefault(param) : null;
  }

  private static Map<String, String> text(NablaParams<?> p) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Param<?> param : p.params()) {
      if (p.isDefined(param)) {
        Object v = p.getOrDefault(param);
        m.put(param.name(), v instanceof int[] a ? Arrays.toString(a)
            : v instanceof double[] d ? Arrays.toString(d) : String.valueOf(v));
      }
    }
    return m;
  }
}
