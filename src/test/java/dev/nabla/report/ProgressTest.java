package dev.nabla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress bar and log lines, driven by a fake clock (no sleeping). */
class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static StepMetrics step(int epoch, int step, double loss) {
    return new StepMetrics(epoch, step, (epoch - 1) * 100L + step, loss, 10, 0.1, new double[] {1});
  }

  @Test
  void terminalBarRedrawsAtMostTenTimesASecondAndIsClearedAtTheEpochEnd() {
    Progress p = new Progress(out, true, 10, () -> now);
    p.onStart("net", 2, 100);
    for (int s = 1; s <= 100; s++) {
      now += 20_000_000L; // 20 ms per step: 2 s for 100 steps
      p.onStep(step(1, s, 0.5));
    }
    long redraws = text().chars().filter(c -> c == '\r').count();
    assertEquals(20, redraws, "one redraw per 100 ms over 2 s");
    assertTrue(text().contains("epoch 1/2 [") && text().contains("100/100 steps, loss 0.5000, 500 samples/s, ETA 0 s"),
        text());
    assertTrue(!text().contains("\n"), "the bar stays on one line");
    p.onEpoch(new EpochMetrics(1, 0.5, Map.of(), 0.1, 500, 2, 2));
    assertTrue(text().endsWith("\r"), "the bar is blanked and the cursor returned for the epoch line");
  }

  @Test
  void plainOutputLogsOneLineEveryIntervalWithEta() {
    Progress p = new Progress(out, false, 10, () -> now);
    p.onStart("net", 3, 100);
    for (int s = 1; s <= 100; s++) {
      now += 1_000_000_000L; // 1 s per step
      p.onStep(step(2, s, 0.25));
    }
    List<String> lines = text().lines().toList();
    assertEquals(10, lines.size(), text());
    assertEquals("epoch 2/3: 10/100 steps, loss 0.2500, 10 samples/s, ETA 1 min 30 s", lines.get(0));
    assertTrue(!text().contains("\r"));
  }

  @Test
  void rejectsANonPositiveLogInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Progress(out, false, 0, () -> now));
    assertTrue(e.getMessage().contains("--log-every"), e.getMessage());
  }

  @Test
  void summaryNamesBestValidationAccuracyItsEpochAndOutputs() {
    List<EpochMetrics> h = List.of(new EpochMetrics(1, 0.9, Map.of("accuracy", 0.8, "loss", 0.7), 0.1, 1, 1, 1),
        new EpochMetrics(2, 0.5, Map.of("accuracy", 0.93, "loss", 0.4), 0.1, 1, 1, 2),
        new EpochMetrics(3, 0.4, Map.of("accuracy", 0.91, "loss", 0.45), 0.1, 1, 1, 3));
    List<String> lines = RunSummary.lines(h, 3, 125, Map.of("model", "/m"));
    assertEquals(List.of("summary: 3 epochs in 2 min 05 s (kept epoch 3)",
        "  best validation accuracy 0.93000 at epoch 2", "  model: /m"), lines);
  }
}
