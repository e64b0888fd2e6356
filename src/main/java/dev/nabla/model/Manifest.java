package dev.nabla.model;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Topology;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything human-readable about a model, written as {@code manifest.json} next to its parameters:
 * versions, the topology (layer sizes, activation names, loss name), the task, the scaling kind, the
 * seed, hyper-parameters, data paths, training time and final metrics. Immutable (collections are
 * copied, maps keep their insertion order).
 *
 * @param nablaVersion the Nabla version that trained the model
 * @param sparkVersion the Spark version it ran on
 * @param javaVersion the Java version it ran on
 * @param createdAt an ISO-8601 instant, e.g. {@code 2025-01-31T12:00:00Z}
 * @param layers n_0 … n_L
 * @param activations {@link Activation#name()} for layers 1..L
 * @param loss {@link Loss#cliName()}
 * @param numClasses the number of classes (at least 2) for classification, 0 for regression
 * @param scaling {@link ScalingKind#cliName()}
 * @param trainingSeconds wall-clock training time, finite and ≥ 0
 * @param seed the one seed the run's randomness was split from
 * @param finalMetrics metric name → value (NaN allowed, e.g. an undefined R²)
 */
public record Manifest(String nablaVersion, String sparkVersion, String javaVersion, String createdAt,
    int[] layers, List<String> activations, String loss, Task task, int numClasses, String scaling,
    long seed, Map<String, String> hyperParameters, Map<String, String> dataPaths,
    double trainingSeconds, Map<String, Double> finalMetrics, Map<String, String> notes) implements Serializable {

  /** @throws IllegalArgumentException naming the field, the bad value and what is allowed */
  public Manifest {
    requireText("nablaVersion", nablaVersion);
    requireText("sparkVersion", sparkVersion);
    requireText("javaVersion", javaVersion);
    requireText("createdAt", createdAt);
    requirePresent("layers", layers);
    requirePresent("activations", activations);
    requireText("loss", loss);
    requirePresent("task", task);
    requireText("scaling", scaling);
    layers = layers.clone();
    activations = List.copyOf(activations);
    hyperParameters = copy("hyperParameters", hyperParameters);
    dataPaths = copy("dataPaths", dataPaths);
    finalMetrics = copy("finalMetrics", finalMetrics);
    notes = copy("notes", notes);
    if (task == Task.CLASSIFICATION && numClasses < 2) {
      throw new IllegalArgumentException("manifest field numClasses is " + numClasses
          + "; a classification model needs at least 2 classes");
    }
    if (task == Task.REGRESSION && numClasses != 0) {
      throw new IllegalArgumentException("manifest field numClasses is " + numClasses
          + "; a regression model must have numClasses 0");
    }
    if (!(trainingSeconds >= 0) || Double.isInfinite(trainingSeconds)) {
      throw new IllegalArgumentException("manifest field trainingSeconds is " + trainingSeconds
          + "; it must be a finite number >= 0");
    }
    try {
      ScalingKind.parse(scaling);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("manifest field scaling: " + e.getMessage(), e);
    }
    toTopology(layers, activations, loss);
  }

  /**
   * A manifest for a model trained now, in this JVM: versions from {@link Versions}, {@code createdAt}
   * the current instant, topology fields from {@code topology}.
   */
  public static Manifest create(Topology topology, Task task, int numClasses, ScalingKind scaling, long seed,
      Map<String, String> hyperParameters, Map<String, String> dataPaths, double trainingSeconds,
      Map<String, Double> finalMetrics, Map<String, String> notes) {
    String[] names = new String[topology.numLayers()];
    for (int l = 1; l <= topology.numLayers(); l++) {
      names[l - 1] = topology.activation(l).name();
    }
    return new Manifest(Versions.nabla(), Versions.sparkRuntime(), Versions.java(), Instant.now().toString(),
        topology.sizes(), List.of(names), topology.loss().cliName(), task, numClasses, scaling.cliName(), seed,
        hyperParameters, dataPaths, trainingSeconds, finalMetrics, notes);
  }

  /** The same manifest with other final metrics (e.g. once they have been computed with the model). */
  public Manifest withFinalMetrics(Map<String, Double> metrics) {
    return new Manifest(nablaVersion, sparkVersion, javaVersion, createdAt, layers, activations, loss, task,
        numClasses, scaling, seed, hyperParameters, dataPaths, trainingSeconds, metrics, notes);
  }

  /** The topology these fields describe, rebuilt through {@link Activation#parse} and {@link Loss#parse}. */
  public Topology topology() {
    return toTopology(layers, activations, loss);
  }

  /** The scaling kind, parsed. */
  public ScalingKind scalingKind() {
    return ScalingKind.parse(scaling);
  }

  /** The {@code manifest.json} text of this manifest (pretty-printed JSON, as a model directory holds it). */
  public String toJson() {
    return ManifestJson.write(this);
  }

  /** A copy of n_0 … n_L. */
  @Override
  public int[] layers() {
    return layers.clone();
  }

  private static Topology toTopology(int[] layers, List<String> activations, String loss) {
    Activation[] acts = new Activation[activations.size()];
    try {
      for (int i = 0; i < acts.length; i++) {
        acts[i] = Activation.parse(activations.get(i));
      }
      return new Topology(layers, acts, Loss.parse(loss));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("manifest fields layers " + Arrays.toString(layers) + ", activations "
          + activations + ", loss '" + loss + "' do not form a valid network: " + e.getMessage(), e);
    }
  }

  private static void requirePresent(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("manifest field " + field + " is missing (null); it is required");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("manifest field " + field + " is " + (value == null ? "missing" : "blank")
          + "; it must be a non-empty string");
    }
  }

  private static <V> Map<String, V> copy(String field, Map<String, V> map) {
    requirePresent(field, map);
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("manifest field " + field + " has a null key or value at "
            + e.getKey() + "=" + e.getValue() + "; keys and values must be non-null");
      }
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Equal when every field is equal (layers by content). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && nablaVersion.equals(m.nablaVersion) && sparkVersion.equals(m.sparkVersion)
        && javaVersion.equals(m.javaVersion) && createdAt.equals(m.createdAt) && Arrays.equals(layers, m.layers)
        && activations.equals(m.activations) && loss.equals(m.loss) && task == m.task && numClasses == m.numClasses
        && scaling.equals(m.scaling) && seed == m.seed && hyperParameters.equals(m.hyperParameters)
        && dataPaths.equals(m.dataPaths) && Double.compare(trainingSeconds, m.trainingSeconds) == 0
        && finalMetrics.equals(m.finalMetrics) && notes.equals(m.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nablaVersion, sparkVersion, javaVersion, createdAt, Arrays.hashCode(layers), activations,
        loss, task, numClasses, scaling, seed, hyperParameters, dataPaths, trainingSeconds, finalMetrics, notes);
  }

  @Override
  public String toString() {
    return "Manifest[" + Arrays.toString(layers) + " " + activations + " " + loss + ", " + task + ", scaling "
        + scaling + ", seed " + seed + ", Nabla " + nablaVersion + "]";
  }
}
