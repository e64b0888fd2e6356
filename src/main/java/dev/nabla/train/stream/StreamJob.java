package dev.nabla.train.stream;

import dev.nabla.data.ShardGroup;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.spark.FutureAction;
import org.apache.spark.api.java.JavaRDD;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The stream's Spark job: one {@link TreeTask} per partition, submitted with {@code SparkContext.submitJob} and the
 * task as a named function class, so Spark's closure cleaner has nothing to do (for a lambda, as {@code
 * foreachPartitionAsync} makes, it parses the capturing class's bytecode with ASM; compiling that parser took a core
 * for 0.2–0.4 s of the MNIST race's first epoch, measured with JFR's compilation events).
 */
final class StreamJob {
  private final FutureAction<BoxedUnit> action;

  private StreamJob(FutureAction<BoxedUnit> action) {
    this.action = action;
  }

  /** Submits {@code task} on every partition of {@code data}; returns at once. */
  static StreamJob submit(JavaRDD<ShardGroup> data, TreeTask task) {
    scala.collection.immutable.Seq<Object> partitions = CollectionConverters.asScala(
        IntStream.range(0, data.getNumPartitions()).boxed().map(p -> (Object) p).toList()).toList();
    return new StreamJob(data.context().submitJob(data.rdd(), task, partitions, new Ignore(), new Unit()));
  }

  /** Whether the job has ended (finished, failed or cancelled). */
  boolean isDone() {
    return action.isCompleted();
  }

  /** Waits up to {@code timeout} for the job to end; throws what it failed with. */
  void await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException, ExecutionException {
    scala.concurrent.Await.ready(action, Duration.create(timeout, unit));
    scala.util.Try<BoxedUnit> result = action.value().get();
    if (result.isFailure()) {
      throw new ExecutionException(result.failed().get());
    }
  }

  /** Cancels the job: Spark kills its tasks (a stream's tasks also end when their edges close). */
  void cancel() {
    action.cancel();
  }

  /** The task results, which the stream has none of. */
  private static final class Ignore extends AbstractFunction2<Object, BoxedUnit, BoxedUnit>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override public BoxedUnit apply(Object partition, BoxedUnit result) {
      return BoxedUnit.UNIT;
    }
  }

  /** The job's result. */
  private static final class Unit extends AbstractFunction0<BoxedUnit> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }
}
