package dev.nabla.ml;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import scala.Function1;

/**
 * Param validators. Spark calls a Param's validator when a value is set (also through a ParamMap, as
 * CrossValidator does); these throw an {@link IllegalArgumentException} naming the param, the value
 * and what is allowed, instead of Spark's generic "given invalid value". Serializable, because the
 * Params travel with a model to the executors.
 */
final class Valid {
  /** A Spark param validator that is also a serializable lambda. */
  interface Check<T> extends Function1<T, Object>, Serializable {
  }

  private Valid() {
  }

  static Check<Object> intAtLeast(String param, int min) {
    return v -> require((Integer) v >= min, param, v, "an integer ≥ " + min);
  }

  static Check<Object> positiveNumber(String param) {
    return v -> require((Double) v > 0 && Double.isFinite((Double) v), param, v, "a finite number > 0");
  }

  static Check<Object> nonNegativeNumber(String param) {
    return v -> require((Double) v >= 0 && Double.isFinite((Double) v), param, v, "a finite number ≥ 0");
  }

  static Check<Object> nonNegativeLong(String param) {
    return v -> require((Long) v >= 0, param, v, "an integer ≥ 0");
  }

  static Check<Object> positiveLong(String param) {
    return v -> require((Long) v > 0, param, v, "an integer > 0");
  }

  static Check<Object> unitInterval(String param) {
    return v -> require((Double) v >= 0 && (Double) v < 1, param, v, "a number in [0, 1)");
  }

  static Check<String> oneOf(String param, List<String> allowed) {
    return v -> require(v != null && allowed.contains(v.trim().toLowerCase(Locale.ROOT)), param, "'" + v + "'",
        "one of " + String.join(", ", allowed));
  }

  static Check<int[]> positiveSizes(String param, int minLength) {
    return v -> {
      boolean ok = v != null && v.length >= minLength;
      for (int i = 0; ok && i < v.length; i++) {
        ok = v[i] > 0;
      }
      return require(ok, param, v == null ? "null" : java.util.Arrays.toString(v),
          minLength > 0 ? "at least " + minLength + " positive sizes, e.g. [4, 16, 3]" : "positive sizes, e.g. [16, 8]");
    };
  }

  static Check<double[]> rates(String param) {
    return v -> {
      boolean ok = v != null;
      for (int i = 0; ok && i < v.length; i++) {
        ok = v[i] >= 0 && v[i] < 1;
      }
      return require(ok, param, v == null ? "null" : java.util.Arrays.toString(v),
          "rates in [0, 1): none, one for all hidden layers, or one per hidden layer");
    };
  }

  /** Checks with a parser that throws a message of its own (activation, init). */
  /** A serializable parse call, e.g. {@code Activation::parse}. */
  interface Parser extends java.util.function.Consumer<String>, Serializable {
  }

  static Check<String> parses(String param, Parser parser) {
    return v -> {
      try {
        parser.accept(v);
        return true;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(param + ": " + e.getMessage(), e);
      }
    };
  }

  /** Accepts the element-wise activations a hidden layer can have. */
  static void hiddenActivation(String text) {
    dev.nabla.nn.Activation a = dev.nabla.nn.Activation.parse(text);
    if (!a.isElementwise()) {
      throw new IllegalArgumentException(a.name() + " can only be an output activation; hidden layers take sigmoid, "
          + "tanh, relu, leaky-relu[:SLOPE], softplus or identity");
    }
  }

  /** Accepts "auto" and the names {@link dev.nabla.nn.Init#parse} knows. */
  static void init(String text) {
    if (!"auto".equals(text)) {
      dev.nabla.nn.Init.parse(text);
    }
  }

  private static Boolean require(boolean ok, String param, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(param + " must be " + allowed + ", got " + value);
    }
    return true;
  }
}
