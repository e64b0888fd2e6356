package dev.nabla.bench;

import dev.nabla.nn.Topology;
import dev.nabla.report.StepTraffic;
import dev.nabla.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of section 3 ({@link StepOverhead}): step times against the empty job, then where they go. */
final class StepOverheadReport {
  private StepOverheadReport() {
  }

  /**
   * @param empty the empty-job blocks: before the first network, then after each
   * @param stream one block per network, steps through the step stream (the default engine, the default tree)
   * @param star one block per network, the step stream as a star (fan-out 0)
   * @param jobs one block per network, one Spark job per step
   * @param arithmetic per network, CPU seconds of one task's forward+backward
   */
  static Section section(OverheadSite site, List<Topology> models, List<StepOverhead.Block> empty,
      List<StepOverhead.Block> stream, List<StepOverhead.Block> star, List<StepOverhead.Block> jobs, List<Double> arithmetic, long rows,
      int stepsPerEpoch, int emptyPerBlock) {
    Section out = new Section(site.key, site.section + ". Per-step overhead at batch " + StepOverhead.BATCH + " ("
        + site.place + ", "
        + rows + " rows, " + stepsPerEpoch + " steps per epoch, epoch 1 untimed)", "measurement", "parameters",
        "timed", "mean", "median", "p90", "median / empty job median", "target", "met");
    List<Double> all = new ArrayList<>();
    empty.forEach(b -> all.addAll(b.seconds()));
    Stats emptyAll = Stats.of(all);
    out.row("empty Spark job: count() of a cached 2-partition RDD", "", emptyAll.count(), Section.ms(emptyAll.mean()),
        Section.ms(emptyAll.median()), Section.ms(emptyAll.p90()), "1.00", "", "");
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> emptyJson = emptyAll.toJsonMillis();
    List<Object> blocks = new ArrayList<>();
    empty.forEach(b -> blocks.add(b.jobs().toJson()));
    emptyJson.put("spark_jobs_per_block", blocks);
    json.put("empty_job", emptyJson);
    for (int i = 0; i < models.size(); i++) {
      Topology t = models.get(i);
      List<Double> around = new ArrayList<>(empty.get(i).seconds());
      around.addAll(empty.get(i + 1).seconds());
      Stats reference = Stats.of(around);
      Stats s = Stats.of(stream.get(i).seconds());
      double ratio = s.median() / reference.median();
      boolean met = ratio <= site.target(i);
      out.row("Nabla step, " + Nets.name(t) + " (step stream, the default --tree-fanout " + Trainer.DEFAULT_TREE_FANOUT
          + ": carried as the star while tasks ≤ k)", t.numParams(), s.count(), Section.ms(s.mean()), Section.ms(s.median()),
          Section.ms(s.p90()), Section.num("%.2f", ratio), "≤ " + site.target(i), met ? "yes" : "no");
      Stats st = Stats.of(star.get(i).seconds());
      double starRatio = st.median() / reference.median();
      out.row("Nabla step, " + Nets.name(t) + " (step stream, star: --tree-fanout 0)", t.numParams(), st.count(),
          Section.ms(st.mean()), Section.ms(st.median()), Section.ms(st.p90()), Section.num("%.2f", starRatio),
          "≤ " + site.target(i), starRatio <= site.target(i) ? "yes" : "no");
      Stats j = Stats.of(jobs.get(i).seconds());
      double jobRatio = j.median() / reference.median();
      out.row("Nabla step, " + Nets.name(t) + " (one Spark job per step)", t.numParams(), j.count(),
          Section.ms(j.mean()), Section.ms(j.median()), Section.ms(j.p90()), Section.num("%.2f", jobRatio),
          "≤ " + site.target(i), jobRatio <= site.target(i) ? "yes" : "no");
      String where = site == OverheadSite.CLUSTER ? "cluster step" : "step";
      out.verdict("(" + site.section + ") " + where + " at batch " + StepOverhead.BATCH + ", " + Nets.name(t) + " ≤ "
          + site.target(i) + "× empty job", Section.num("%.2f×", ratio) + " (" + Section.ms(s.median()) + " vs "
          + Section.ms(reference.median()) + ")", met);
      Map<String, Object> m = s.toJsonMillis();
      m.put("topology", Nets.name(t));
      m.put("parameters", t.numParams());
      m.put("empty_job_median_ms_around", reference.median() * 1e3);
      m.put("ratio_to_empty_job", ratio);
      m.put("target_ratio", site.target(i));
      m.put("met", met);
      m.put("engine", "stream");
      m.put("arithmetic_one_task_ms", arithmetic.get(i) * 1e3);
      m.put("traffic", traffic(stream.get(i).traffic()));
      json.put(i == 0 ? "step_100k" : "step_1m", m);
      Map<String, Object> ms = st.toJsonMillis();
      ms.put("topology", Nets.name(t));
      ms.put("parameters", t.numParams());
      ms.put("ratio_to_empty_job", starRatio);
      ms.put("engine", "stream, star");
      ms.put("traffic", traffic(star.get(i).traffic()));
      json.put(i == 0 ? "step_100k_star" : "step_1m_star", ms);
      Map<String, Object> mj = j.toJsonMillis();
      mj.put("topology", Nets.name(t));
      mj.put("parameters", t.numParams());
      mj.put("ratio_to_empty_job", jobRatio);
      mj.put("engine", "jobs");
      mj.put("spark_jobs", jobs.get(i).jobs().toJson());
      json.put(i == 0 ? "step_100k_jobs" : "step_1m_jobs", mj);
    }
    out.note("Step time: wall time between the ends of consecutive steps on the driver (sending θ to the tasks, "
        + "their forward+backward, summing, the update); the first step of each epoch is not timed. Step stream: one "
        + "Spark job per epoch; θ goes down a fixed tree of the tasks and the SUMS come up it, the driver talking to "
        + "the root only (the star: the driver talks to every task); tasks in one JVM hand over by reference, others "
        + "use sockets. One Spark job per step: θ by broadcast, the SUMS as task results. Empty job: the "
        + "same clock around "
        + "back-to-back count() calls, timed in " + empty.size() + " blocks of " + emptyPerBlock + " (before, between "
        + "and after the networks); each ratio divides by the median of the two blocks around that network.");
    out.note(trafficTable(models, stream, star));
    out.note(breakdown(models, empty, jobs, arithmetic));
    out.put("batch", StepOverhead.BATCH);
    out.put("results", json);
    return out;
  }

  /** The stream's bytes per step as the runs report them (metrics' traffic), tree next to star. */
  private static String trafficTable(List<Topology> models, List<StepOverhead.Block> stream,
      List<StepOverhead.Block> star) {
    StringBuilder b = new StringBuilder("Bytes per step through the step stream, as the runs report them (the epoch's "
        + "traffic in the metrics: through the driver, and the most one task sent and received on sockets; a "
        + "hand-over inside one JVM moves none):\n\n| network | 8·P | tree (k = " + Trainer.DEFAULT_TREE_FANOUT
        + "): driver | tree: largest task | star: driver | star: largest task |\n|---|---|---|---|---|---|\n");
    for (int i = 0; i < models.size(); i++) {
      Topology t = models.get(i);
      b.append("| ").append(Nets.name(t)).append(" | ").append(bytes(8.0 * t.numParams())).append(" | ")
          .append(driver(stream.get(i).traffic())).append(" | ").append(task(stream.get(i).traffic())).append(" | ")
          .append(driver(star.get(i).traffic())).append(" | ").append(task(star.get(i).traffic())).append(" |\n");
    }
    return b.toString().stripTrailing();
  }

  private static String driver(StepTraffic t) {
    return t == null ? "no streamed step" : bytes(t.driverBytesPerStep());
  }

  private static String task(StepTraffic t) {
    return t == null ? "no streamed step" : bytes(t.maxTaskBytesPerStep());
  }

  private static String bytes(double b) {
    return b >= 1e6 ? Section.num("%.2f MB", b / 1e6) : Section.num("%.1f kB", b / 1e3);
  }

  private static Map<String, Object> traffic(StepTraffic t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t != null) {
      m.put("streamed_steps", t.streamedSteps());
      m.put("driver_bytes_per_step", t.driverBytesPerStep());
      m.put("max_task_bytes_per_step", t.maxTaskBytesPerStep());
    }
    return m;
  }

  /** A second table: per block, the means of Spark's job and task phases next to the wall time. */
  private static String breakdown(List<Topology> models, List<StepOverhead.Block> empty, List<StepOverhead.Block> steps,
      List<Double> arithmetic) {
    StringBuilder b = new StringBuilder("Where the time goes with one Spark job per step (means; Spark's listener "
        + "events, millisecond resolution; "
        + "\"outside the job\" = wall time − job time: on the driver before and after the job, e.g. broadcast, sum, "
        + "update):\n\n| block | wall per step/job | Spark job (start → end) | outside the job | task deserialisation "
        + "| task run | of which forward+backward (1 thread) | result serialisation | result size per task |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < empty.size(); i++) {
      row(b, "empty job, block " + (i + 1), empty.get(i), Double.NaN);
      if (i < steps.size()) {
        row(b, "Nabla step (one job per step), " + Nets.name(models.get(i)), steps.get(i), arithmetic.get(i));
      }
    }
    return b.toString().stripTrailing();
  }

  private static void row(StringBuilder b, String name, StepOverhead.Block block, double arithmeticSeconds) {
    JobProbe.Breakdown j = block.jobs();
    double wallMs = Stats.of(block.seconds()).mean() * 1e3;
    b.append("| ").append(name).append(" | ").append(Section.num("%.2f ms", wallMs)).append(" | ")
        .append(Section.num("%.2f ms", j.jobMillis())).append(" | ")
        .append(Section.num("%.2f ms", wallMs - j.jobMillis())).append(" | ")
        .append(Section.num("%.2f ms", j.deserializeMillis())).append(" | ")
        .append(Section.num("%.2f ms", j.runMillis())).append(" | ")
        .append(Double.isNaN(arithmeticSeconds) ? "" : Section.num("%.3f ms", arithmeticSeconds * 1e3)).append(" | ")
        .append(Section.num("%.2f ms", j.resultSerializeMillis())).append(" | ")
        .append(Section.num("%.1f kB", j.resultBytes() / 1e3)).append(" |\n");
  }
}
