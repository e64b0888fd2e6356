package dev.nabla.nn;

import java.io.Serializable;

/**
 * Saturated and dead hidden units over the batches it has seen, as mergeable counts (partitions can be
 * measured separately and {@link #merge}d).
 *
 * <p>Definitions, per hidden layer l = 1..L−1 (the output layer is not measured: a confident classifier
 * saturates it on purpose):
 * <ul>
 *   <li>sigmoid and tanh: a unit is saturated on a sample when σ'(z) &lt; {@value #RELATIVE_THRESHOLD} ×
 *       max σ' (max σ' is 1/4 for sigmoid, so |z| &gt; 5.99; 1 for tanh, so |z| &gt; 2.99). The layer's
 *       fraction is saturated (unit, sample) pairs / all (unit, sample) pairs.</li>
 *   <li>ReLU: a unit is dead when z ≤ 0 on every sample seen (σ' = 0 there, so no gradient reaches its
 *       weights). The layer's fraction is dead units / n_l.</li>
 *   <li>other activations (leaky ReLU, softplus, identity): not measured ({@link Measure#NONE}, NaN).</li>
 * </ul>
 */
public final class Saturation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** σ'(z) below this fraction of the largest σ' counts as saturated. */
  public static final double RELATIVE_THRESHOLD = 0.01;

  /** What is measured for a layer. */
  public enum Measure { SATURATED, DEAD, NONE }

  private final Topology topology;
  private final long[] saturatedPairs;
  private final long[] samples;
  private final boolean[][] everActive;

  /** Empty counts for the hidden layers of {@code topology}. */
  public Saturation(Topology topology) {
    this.topology = topology;
    int layers = topology.numLayers();
    this.saturatedPairs = new long[layers];
    this.samples = new long[layers];
    this.everActive = new boolean[layers][];
    for (int l = 1; l < layers; l++) {
      everActive[l] = new boolean[topology.size(l)];
    }
  }

  /** What is measured for an activation. */
  public static Measure measureOf(Activation a) {
    if (a instanceof Sigmoid || a instanceof Tanh) {
      return Measure.SATURATED;
    }
    return a instanceof Relu ? Measure.DEAD : Measure.NONE;
  }

  /** What is measured for layer l: NONE for the output layer and for activations without a definition. */
  public Measure measure(int l) {
    return l >= 1 && l < topology.numLayers() ? measureOf(topology.activation(l)) : Measure.NONE;
  }

  /** The largest σ'(z) over z: 1/4 for sigmoid, 1 for tanh; NaN for activations not measured this way. */
  public static double maxDerivative(Activation a) {
    return a instanceof Sigmoid ? 0.25 : a instanceof Tanh ? 1.0 : Double.NaN;
  }

  /** Whether σ'(z) = {@code derivative} is saturated for a sigmoid or tanh unit. */
  public static boolean isSaturated(Activation a, double derivative) {
    return Math.abs(derivative) < RELATIVE_THRESHOLD * maxDerivative(a);
  }

  /**
   * Counts the hidden units of the batch whose forward pass is in {@code ws} ({@link Network#forward}
   * on {@code cols} samples); returns this.
   */
  public Saturation add(Workspace ws, int cols) {
    double[] scratch = null;
    for (int l = 1; l < topology.numLayers(); l++) {
      int n = topology.size(l);
      double[] z = ws.weightedInputs(l);
      switch (measure(l)) {
        case SATURATED -> {
          Activation act = topology.activation(l);
          if (scratch == null || scratch.length < n * cols) {
            scratch = new double[topology.maxSize() * cols];
          }
          act.derivative(z, ws.activations(l), scratch, n * cols);
          long s = 0;
          for (int i = 0; i < n * cols; i++) {
            if (isSaturated(act, scratch[i])) {
              s++;
            }
          }
          saturatedPairs[l] += s;
        }
        case DEAD -> {
          boolean[] active = everActive[l];
          for (int i = 0; i < n * cols; i++) {
            if (z[i] > 0) {
              active[i % n] = true;
            }
          }
        }
        case NONE -> { }
      }
      samples[l] += cols;
    }
    return this;
  }

  /** Adds {@code o}'s counts into this; returns this. */
  public Saturation merge(Saturation o) {
    if (!o.topology.equals(topology)) {
      throw new IllegalArgumentException("Saturation: cannot merge counts of " + o.topology + " into " + topology);
    }
    for (int l = 1; l < topology.numLayers(); l++) {
      saturatedPairs[l] += o.saturatedPairs[l];
      samples[l] += o.samples[l];
      for (int j = 0; j < everActive[l].length; j++) {
        everActive[l][j] |= o.everActive[l][j];
      }
    }
    return this;
  }

  /** The number of samples counted. */
  public long samples() {
    return topology.numLayers() > 1 ? samples[1] : 0;
  }

  /**
   * Layer l's saturated fraction (sigmoid, tanh) or dead fraction (ReLU), in [0, 1]; NaN when the layer is
   * not measured ({@link #measure} is NONE) or no sample was counted.
   */
  public double fraction(int l) {
    Measure m = measure(l);
    if (m == Measure.NONE || samples[l] == 0) {
      return Double.NaN;
    }
    if (m == Measure.SATURATED) {
      return (double) saturatedPairs[l] / ((double) samples[l] * topology.size(l));
    }
    int dead = 0;
    for (boolean a : everActive[l]) {
      if (!a) {
        dead++;
      }
    }
    return (double) dead / topology.size(l);
  }
}
