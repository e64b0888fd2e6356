package dev.nabla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.model.ClassificationMetrics;
import dev.nabla.model.RegressionMetrics;
import java.util.Map;

/** What {@code nabla evaluate} does: start Spark, load the model, one distributed pass, print the metrics. */
final class EvaluateJob {
  private EvaluateJob() {
  }

  static int run(EvaluateCommand cmd) throws JsonProcessingException {
    try (ModelSession s = ModelSession.open(cmd.saved, cmd.sparkOptions, "nabla evaluate")) {
      TestRun run = new TestRun(s.spark(), cmd.dataOptions);
      if (!cmd.json) {
        run.evaluate(s.model(), cmd.saved.data, s.partitions(), System.out);
        return ExitStatus.OK;
      }
      Object metrics = run.metrics(s.model(), cmd.saved.data, s.partitions());
      Map<String, Object> out = metrics instanceof ClassificationMetrics c ? c.toMap()
          : ((RegressionMetrics) metrics).toMap();
      System.out.println(new ObjectMapper().writeValueAsString(out));
      return ExitStatus.OK;
    }
  }
}
