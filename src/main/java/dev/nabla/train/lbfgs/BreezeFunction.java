package dev.nabla.train.lbfgs;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import scala.Tuple2;

/**
 * Breeze's {@link DiffFunction} over a Java function x ↦ (f(x), ∇f(x)).
 *
 * <h2>Why not {@code implements DiffFunction}</h2>
 * The Scala trait inherits two methods {@code apply(T)}: {@code double apply(T)} from
 * {@code StochasticDiffFunction} (a default, = valueAt) and the generic {@code Object apply(T)} of
 * {@code Function1} (abstract). scalac writes a bridge between them in every class it compiles; javac
 * reads no bridges and cannot declare two methods differing only in return type, so no Java class can
 * implement the trait or extend a Scala class that does (javac: "return type double is not compatible
 * with Object"); {@code java.lang.reflect.Proxy} refuses the pair too.
 *
 * <h2>How</h2>
 * The JVM has no such rule. {@link LambdaMetafactory} (the JDK's public factory behind Java lambdas)
 * makes a class implementing {@link Calculate} whose {@code calculate} calls the given function, with
 * {@code DiffFunction} as an extra (marker) interface. At run time {@code calculate(Object)} is then
 * {@code DiffFunction.calculate} too (same erased signature); {@code Object apply(Object)} resolves to
 * {@link Calculate#apply}, a default method; every other trait method (valueAt, gradientAt,
 * {@code double apply}, …) runs Breeze's own default body, which calls {@code calculate}.
 */
final class BreezeFunction {
  private BreezeFunction() {
  }

  /**
   * x ↦ (f(x) as a boxed Double, ∇f(x)); its erased methods are exactly those of {@code DiffFunction}
   * that have no default body.
   */
  @FunctionalInterface
  interface Calculate<T> {
    Tuple2<Object, T> calculate(T x);

    /** Function1's generic apply: f(x), boxed. */
    default Object apply(T x) {
      return calculate(x)._1();
    }
  }

  /** The Breeze function over {@code f}. */
  @SuppressWarnings("unchecked")
  static DiffFunction<DenseVector<Object>> of(Calculate<DenseVector<Object>> f) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodType erased = MethodType.methodType(Tuple2.class, Object.class);
      MethodHandle target = lookup.findVirtual(Calculate.class, "calculate", erased);
      MethodHandle factory = LambdaMetafactory.altMetafactory(lookup, "calculate",
          MethodType.methodType(Calculate.class, Calculate.class), erased, target, erased,
          LambdaMetafactory.FLAG_MARKERS, 1, DiffFunction.class).getTarget();
      return (DiffFunction<DenseVector<Object>>) factory.invoke(f);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot adapt a Java function to Breeze's DiffFunction on this JVM: " + e, e);
    }
  }
}
