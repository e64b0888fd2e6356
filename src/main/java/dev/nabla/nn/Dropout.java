package dev.nabla.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al. 2014) on hidden layers, for training only: each hidden unit's
 * activation is kept with probability 1 − p and then divided by 1 − p, or set to 0, so the expected
 * activation is unchanged and inference needs no rescaling.
 *
 * <p>Masks are drawn per SAMPLE from a seed given per column (the trainer derives it from the run's
 * seed, the epoch and the row's global index), so a batch gets the same masks however its rows are
 * partitioned, and a rerun the same masks again.
 */
public final class Dropout implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] rates;

  /**
   * @param rates p for hidden layers 1..L−1 ({@code rates[l - 1]} for layer l), each in [0, 1)
   */
  public Dropout(double[] rates) {
    for (double p : rates) {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("dropout rates must be in [0, 1), got " + Arrays.toString(rates));
      }
    }
    this.rates = rates.clone();
  }

  /** The same rate p on every hidden layer of {@code t}. */
  public static Dropout uniform(Topology t, double p) {
    double[] r = new double[t.numLayers() - 1];
    Arrays.fill(r, p);
    return new Dropout(r);
  }

  /** p of hidden layer l, 0 for the output layer or beyond the list. */
  public double rate(int l) {
    return l - 1 < rates.length ? rates[l - 1] : 0.0;
  }

  /** True when no layer drops anything. */
  public boolean isNone() {
    for (double p : rates) {
      if (p > 0) {
        return false;
      }
    }
    return true;
  }

  /** Checks that the rates fit the topology's hidden layers. */
  public void checkFits(Topology t) {
    if (rates.length > t.numLayers() - 1) {
      throw new IllegalArgumentException("dropout lists " + rates.length + " rates but the network has "
          + (t.numLayers() - 1) + " hidden layers");
    }
  }

  /**
   * Fills {@code mask} (n × cols) for one hidden layer with 1/(1−p) or 0, drawing each column from its
   * own generator, and applies it: {@code dropped = a ⊙ mask}.
   */
  void apply(int l, double[] a, double[] mask, double[] dropped, int n, int cols, SplittableRandom[] columns) {
    double p = rate(l);
    double keep = 1.0 / (1.0 - p);
    for (int c = 0; c < cols; c++) {
      SplittableRandom rng = columns[c];
      int off = c * n;
      for (int j = 0; j < n; j++) {
        double m = rng.nextDouble() >= p ? keep : 0.0;
        mask[off + j] = m;
        dropped[off + j] = a[off + j] * m;
      }
    }
  }

  @Override public String toString() {
    return Arrays.toString(rates);
  }
}
