package dev.nabla.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Where the time of Spark jobs goes, from Spark's own listener events: per job its duration (job start
 * to job end as the scheduler stamps them, millisecond resolution) and per task the executor's
 * deserialisation time (the task's closure and broadcast variables), run time, result serialisation time
 * and result size. {@link #between} summarises the jobs started in a wall-clock window, so that warm-up
 * jobs and other measurements can be left out.
 */
final class JobProbe extends SparkListener {
  private final SparkContext sc;
  private final Map<Integer, long[]> jobTimes = new HashMap<>();
  private final Map<Integer, Integer> jobOfStage = new HashMap<>();
  private final Map<Integer, List<TaskMetrics>> tasksOfJob = new HashMap<>();

  /** Registers a probe with the context; {@link #close} removes it. */
  JobProbe(SparkContext sc) {
    this.sc = sc;
    sc.addSparkListener(this);
  }

  /**
   * Means per job over a window.
   *
   * @param jobs how many jobs started in the window
   * @param jobMillis mean job duration (start to end)
   * @param deserializeMillis mean per task: executor deserialisation of the task
   * @param runMillis mean per task: executor run time
   * @param resultSerializeMillis mean per task: serialising its result
   * @param resultBytes mean per task: the serialised result's size
   */
  record Breakdown(int jobs, double jobMillis, double deserializeMillis, double runMillis,
      double resultSerializeMillis, double resultBytes) {

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("jobs", jobs);
      m.put("job_ms", jobMillis);
      m.put("task_deserialize_ms", deserializeMillis);
      m.put("task_run_ms", runMillis);
      m.put("task_result_serialize_ms", resultSerializeMillis);
      m.put("task_result_bytes", resultBytes);
      return m;
    }
  }

  @Override public synchronized void onJobStart(SparkListenerJobStart start) {
    jobTimes.put(start.jobId(), new long[] {start.time(), -1});
    for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
      jobOfStage.put((Integer) stage, start.jobId());
    }
  }

  @Override public synchronized void onJobEnd(SparkListenerJobEnd end) {
    long[] t = jobTimes.get(end.jobId());
    if (t != null) {
      t[1] = end.time();
    }
  }

  @Override public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    Integer job = jobOfStage.get(end.stageId());
    if (job != null && end.taskMetrics() != null) {
      tasksOfJob.computeIfAbsent(job, j -> new ArrayList<>()).add(end.taskMetrics());
    }
  }

  /** Means over the finished jobs started in [fromMillis, toMillis) (System.currentTimeMillis instants). */
  Breakdown between(long fromMillis, long toMillis) {
    drain();
    synchronized (this) {
      int jobs = 0;
      int tasks = 0;
      double job = 0;
      double deser = 0;
      double run = 0;
      double ser = 0;
      double bytes = 0;
      for (Map.Entry<Integer, long[]> e : jobTimes.entrySet()) {
        long[] t = e.getValue();
        if (t[0] < fromMillis || t[0] >= toMillis || t[1] < 0) {
          continue;
        }
        jobs++;
        job += t[1] - t[0];
        for (TaskMetrics m : tasksOfJob.getOrDefault(e.getKey(), List.of())) {
          tasks++;
          deser += m.executorDeserializeTime();
          run += m.executorRunTime();
          ser += m.resultSerializationTime();
          bytes += m.resultSize();
        }
      }
      int n = Math.max(1, tasks);
      return new Breakdown(jobs, job / Math.max(1, jobs), deser / n, run / n, ser / n, bytes / n);
    }
  }

  /** Unregisters the probe. */
  void close() {
    drain();
    sc.removeSparkListener(this);
  }

  /** Waits until the listener bus has delivered every event posted so far. */
  private void drain() {
    try {
      sc.listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain: " + e.getMessage(), e);
    }
  }
}
