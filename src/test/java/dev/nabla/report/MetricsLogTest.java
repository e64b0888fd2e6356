package dev.nabla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two line types of the metrics file. */
class MetricsLogTest {
  @TempDir Path dir;

  @Test
  void writesAStepLineEveryKGlobalStepsAndEpochLinesWithLayerHealth() throws Exception {
    Path file = dir.resolve("m.jsonl");
    try (MetricsLog log = new MetricsLog(file.toString(), new Configuration(), 4)) {
      for (int e = 1; e <= 2; e++) {
        for (int s = 1; s <= 6; s++) {
          log.onStep(new StepMetrics(e, s, (e - 1) * 6L + s, 0.5 / s, 32, 0.05, new double[] {0.1 * s, 0.2}));
        }
        log.onEpoch(new EpochMetrics(e, 0.3, Map.of("loss", 0.4), 0.05, 100, 1, e, List.of(
            new LayerHealth(1, "relu", 0.25, "dead", 0.125), new LayerHealth(2, "softmax", 0.5, "none", Double.NaN))));
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = Files.readAllLines(file).stream().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception ex) {
        throw new AssertionError(l, ex);
      }
    }).toList();
    List<String> types = lines.stream().map(n -> n.get("type").asText() + n.get("epoch").asInt()).toList();
    assertEquals(List.of("step1", "epoch1", "step2", "step2", "epoch2"), types, "global steps 4, 8 and 12");
    JsonNode step = lines.get(2);
    assertEquals(8, step.get("global_step").asLong());
    assertEquals(2, step.get("step").asInt());
    assertEquals(0.25, step.get("loss").asDouble(), 0);
    assertEquals(0.05, step.get("learning_rate").asDouble(), 0);
    assertEquals(0.2, step.get("grad_norm").get("layer1").asDouble(), 1e-15);
    assertEquals(0.2, step.get("grad_norm").get("layer2").asDouble(), 0);
    JsonNode epoch = lines.get(1);
    assertEquals(0.4, epoch.get("val_loss").asDouble(), 0);
    assertEquals(0.25, epoch.get("grad_norm").get("layer1").asDouble(), 0);
    assertEquals(0.125, epoch.get("saturation").get("layer1").get("dead").asDouble(), 0);
    assertEquals("relu", epoch.get("saturation").get("layer1").get("activation").asText());
    assertFalse(epoch.get("saturation").has("layer2"), "the output layer's saturation is not measured");
  }

  @Test
  void epochLinesOnlyWhenStepsAreOff() throws Exception {
    Path file = dir.resolve("e.jsonl");
    try (MetricsLog log = new MetricsLog(file.toString(), new Configuration(), 0)) {
      log.onStep(new StepMetrics(1, 1, 1, 0.5, 32, 0.05, new double[] {1}));
      log.onEpoch(new EpochMetrics(1, 0.3, Map.of(), 0.05, 100, 1, 1));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("{\"type\":\"epoch\",\"epoch\":1,"), lines.get(0));
    assertFalse(lines.get(0).contains("grad_norm"), "no layer diagnostics, no grad_norm key");
    assertThrows(IllegalArgumentException.class, () -> new MetricsLog(dir.resolve("x").toString(),
        new Configuration(), -1));
  }
}
