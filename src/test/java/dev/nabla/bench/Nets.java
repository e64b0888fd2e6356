package dev.nabla.bench;

import dev.nabla.nn.Activation;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Topology;

/** The networks of the Spark benchmark: sigmoid hidden layers, softmax output, cross-entropy. */
final class Nets {
  private Nets() {
  }

  /** A network with the given layer sizes (input first), sigmoid hidden layers and a softmax output. */
  static Topology sigmoid(int... sizes) {
    Activation[] a = new Activation[sizes.length - 1];
    for (int l = 0; l < a.length; l++) {
      a[l] = l == a.length - 1 ? new Softmax() : new Sigmoid();
    }
    return new Topology(sizes, a, Loss.CROSS_ENTROPY);
  }

  /** The layer sizes joined by dashes, e.g. {@code 784-128-10}. */
  static String name(Topology t) {
    StringBuilder b = new StringBuilder();
    for (int s : t.sizes()) {
      b.append(b.length() == 0 ? "" : "-").append(s);
    }
    return b.toString();
  }
}
