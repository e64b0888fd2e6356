package dev.nabla.bench;

import java.util.List;

/** The last table of the Spark benchmark: each target of issue 6, what was measured, met or not. */
final class Summary {
  private static final double SPEEDUP_TARGET = 10;
  private static final double SPEEDUP_GOAL = 20;

  private Summary() {
  }

  /** Targets from the races (computed here) and from the sections' own verdicts, in section order. */
  static Section of(BenchPlan plan, MllibRace.Result mllib, NablaRace.Result nabla, List<Section> sections) {
    Section out = new Section("summary", "Summary: the targets of issue 6", "target", "measured", "met");
    if (mllib != null && nabla != null) {
      double m = mllib.best() == null ? Double.NaN : mllib.best().fitSeconds();
      double n = nabla.secondsToTarget();
      double speedup = m / n;
      String measured = Double.isNaN(speedup)
          ? "n/a (" + (mllib.best() == null ? "MLlib" : "Nabla") + " did not reach " + plan.targetAccuracy() + ")"
          : Section.num("%.1f×", speedup) + " (MLlib " + Section.s(m) + ", Nabla " + Section.s(n) + ")";
      out.row("(2) Nabla ≥ " + (int) SPEEDUP_TARGET + "× faster than MLlib to " + plan.targetAccuracy()
          + " (goal " + (int) SPEEDUP_GOAL + "×)", measured, speedup >= SPEEDUP_TARGET ? "yes" : "no");
      out.put("speedup_to_target", speedup);
      out.put("speedup_met", speedup >= SPEEDUP_TARGET);
    }
    for (Section s : sections) {
      for (List<String> v : s.verdicts()) {
        out.row(v.get(0), v.get(1), v.get(2));
        out.put(v.get(0), v.get(2).equals("yes"));
      }
    }
    if (plan.name().equals("quick")) {
      out.note("Quick plan: small data and few repetitions, a smoke test; these figures say nothing about the "
          + "targets (the race's target accuracy is " + plan.targetAccuracy() + " here).");
    }
    return out;
  }
}
