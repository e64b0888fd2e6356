package dev.nabla.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded weight initialisation schemes. Each fills W^l and b^l of every layer of a flat parameter
 * array (layout in {@link Topology}); the same seed always gives the same parameters.
 */
public enum Init {
  /** Glorot &amp; Bengio (2010): W ~ U(−r, r), r = √(6 / (n_in + n_out)); b = 0. */
  GLOROT_UNIFORM("glorot-uniform"),
  /** Glorot &amp; Bengio (2010): W ~ N(0, 2 / (n_in + n_out)); b = 0. */
  GLOROT_NORMAL("glorot-normal"),
  /** He et al. (2015), for ReLU layers: W ~ N(0, 2 / n_in); b = 0. */
  HE_NORMAL("he-normal"),
  /** The "improved" scheme of Nielsen's book, ch. 3: W ~ N(0, 1 / n_in); b ~ N(0, 1). */
  NORMAL_SCALED("nielsen"),
  /** Spark MLlib's MLP: W and b ~ U(−2.4/√n_in, 2.4/√n_in). */
  MLLIB_UNIFORM("mllib-uniform");

  private final String cliName;

  Init(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /** A sensible default for a hidden activation: He for the ReLU family, Glorot otherwise. */
  public static Init defaultFor(Activation hidden) {
    return hidden instanceof Relu || hidden instanceof LeakyRelu ? HE_NORMAL : GLOROT_UNIFORM;
  }

  /** Parses the command-line spelling, e.g. {@code he-normal}. */
  public static Init parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Init i : values()) {
      if (i.cliName.equals(s)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown initialisation '" + text
        + "': expected one of glorot-uniform, glorot-normal, he-normal, nielsen, mllib-uniform");
  }

  /** Returns a new parameter array for {@code topology}, filled from {@code seed}. */
  public double[] initialize(Topology topology, long seed) {
    double[] params = new double[topology.numParams()];
    initialize(topology, params, seed);
    return params;
  }

  /** Fills {@code params} (length {@link Topology#numParams()}) from {@code seed}. */
  public void initialize(Topology topology, double[] params, long seed) {
    if (params.length != topology.numParams()) {
      throw new IllegalArgumentException("params has length " + params.length + ", topology needs "
          + topology.numParams());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int l = 1; l <= topology.numLayers(); l++) {
      int nIn = topology.size(l - 1);
      int nOut = topology.size(l);
      int w = topology.weightOffset(l);
      int b = topology.biasOffset(l);
      for (int i = w; i < b; i++) {
        params[i] = weight(rng, nIn, nOut);
      }
      for (int i = b; i < b + nOut; i++) {
        params[i] = bias(rng, nIn);
      }
    }
  }

  private double weight(SplittableRandom rng, int nIn, int nOut) {
    switch (this) {
      case GLOROT_UNIFORM: {
        double r = Math.sqrt(6.0 / (nIn + nOut));
        return rng.nextDouble(-r, r);
      }
      case GLOROT_NORMAL: return rng.nextGaussian() * Math.sqrt(2.0 / (nIn + nOut));
      case HE_NORMAL: return rng.nextGaussian() * Math.sqrt(2.0 / nIn);
      case NORMAL_SCALED: return rng.nextGaussian() / Math.sqrt(nIn);
      case MLLIB_UNIFORM: return mllib(rng, nIn);
      default: throw new AssertionError(this);
    }
  }

  private double bias(SplittableRandom rng, int nIn) {
    switch (this) {
      case NORMAL_SCALED: return rng.nextGaussian();
      case MLLIB_UNIFORM: return mllib(rng, nIn);
      default: return 0.0;
    }
  }

  private static double mllib(SplittableRandom rng, int nIn) {
    return (rng.nextDouble() * 4.8 - 2.4) / Math.sqrt(nIn);
  }

  @Override public String toString() {
    return cliName;
  }
}
