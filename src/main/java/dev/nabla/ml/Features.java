package dev.nabla.ml;

import org.apache.spark.ml.linalg.Vector;

/** One feature vector as the dense array a model takes, with its length checked. */
final class Features {
  private Features() {
  }

  /**
   * @throws IllegalArgumentException naming the model, the vector's size and the size it needs
   */
  static double[] of(Vector v, int numFeatures, String uid) {
    if (v.size() != numFeatures) {
      throw new IllegalArgumentException(uid + ": a features vector has " + v.size() + " entries but the model's "
          + "input layer has n_0 = " + numFeatures + "; assemble the same features the model was trained on");
    }
    return v.toArray();
  }
}
