package dev.nabla.train;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import scala.Tuple2;

/**
 * A Breeze {@link DiffFunction} over a Java function x ↦ (f(x), ∇f(x)).
 *
 * <p>Why a dynamic proxy and not {@code implements DiffFunction}: the Scala trait inherits both
 * {@code double apply(T)} (from {@code StochasticDiffFunction}) and {@code Object apply(T)} (from
 * {@code Function1}); scalac emits a bridge between them in every implementing class, but a Java class
 * cannot declare two methods that differ only in return type, so javac refuses to implement the trait.
 * The JVM itself has no such rule, and a proxy implements both: {@code calculate} and both
 * {@code apply}s go to the Java function, every other trait method runs its own default body (which
 * calls back into {@code calculate}).
 */
final class BreezeFunction {
  private BreezeFunction() {
  }

  /** The trait over {@code calculate}, which returns (f(x) as a boxed Double, ∇f(x)). */
  @SuppressWarnings("unchecked")
  static DiffFunction<DenseVector<Object>> of(Function<DenseVector<Object>, Tuple2<Object, DenseVector<Object>>> calculate) {
    InvocationHandler handler = new Handler(calculate);
    return (DiffFunction<DenseVector<Object>>) Proxy.newProxyInstance(DiffFunction.class.getClassLoader(),
        new Class<?>[] {DiffFunction.class}, handler);
  }

  private static final class Handler implements InvocationHandler {
    private final Function<DenseVector<Object>, Tuple2<Object, DenseVector<Object>>> calculate;

    Handler(Function<DenseVector<Object>, Tuple2<Object, DenseVector<Object>>> calculate) {
      this.calculate = calculate;
    }

    @SuppressWarnings("unchecked")
    @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int arity = args == null ? 0 : args.length;
      if (name.equals("calculate") && arity == 1) {
        return calculate.apply((DenseVector<Object>) args[0]);
      }
      if (name.equals("apply") && arity == 1) {
        return calculate.apply((DenseVector<Object>) args[0])._1(); // a boxed Double: unboxed for double apply
      }
      if (method.getDeclaringClass() == Object.class) {
        switch (name) {
          case "equals": return proxy == args[0];
          case "hashCode": return System.identityHashCode(proxy);
          default: return "BreezeFunction(" + calculate + ")";
        }
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      throw new UnsupportedOperationException("Breeze called DiffFunction." + name
          + ", which has no default body; Nabla's adapter implements only calculate and apply");
    }
  }
}
