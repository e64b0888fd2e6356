package dev.nabla.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Activation;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Loss;
import dev.nabla.nn.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

  private static Manifest sample() {
    Topology t = Topology.of(new int[] {4, 3, 1}, new LeakyRelu(0.2), Activation.parse("sigmoid"),
        Loss.BINARY_CROSS_ENTROPY);
    return TestModels.manifest(t, Task.CLASSIFICATION, 2, ScalingKind.MINMAX);
  }

  private static Manifest withNumClasses(Manifest m, Task task, int numClasses) {
    return new Manifest(m.nablaVersion(), m.sparkVersion(), m.javaVersion(), m.createdAt(), m.layers(),
        m.activations(), m.loss(), task, numClasses, m.scaling(), m.seed(), m.hyperParameters(), m.dataPaths(),
        m.trainingSeconds(), m.finalMetrics(), m.notes());
  }

  @Test
  void createFillsVersionsTimeAndTopologyFields() {
    Manifest m = sample();
    assertEquals(Versions.nabla(), m.nablaVersion());
    assertEquals(Versions.java(), m.javaVersion());
    assertEquals(List.of("leaky-relu:0.2", "sigmoid"), m.activations());
    assertEquals("binary-cross-entropy", m.loss());
    assertEquals("minmax", m.scaling());
    assertEquals(m.topology(), Topology.of(new int[] {4, 3, 1}, new LeakyRelu(0.2), Activation.parse("sigmoid"),
        Loss.BINARY_CROSS_ENTROPY));
    assertDoesNotThrow(() -> Instant.parse(m.createdAt()), m.createdAt());
  }

  @Test
  void jsonRoundTripKeepsEveryFieldAndMapOrder() {
    Manifest m = sample();
    String json = ManifestJson.write(m);
    Manifest back = ManifestJson.read(json, "manifest.json");
    assertEquals(m, back);
    assertEquals(List.of("optimizer", "learningRate"), List.copyOf(back.hyperParameters().keySet()));
    assertTrue(json.contains("\"r2\" : \"NaN\""), json);
    assertTrue(json.contains("\"layers\" : [ 4, 3, 1 ]"), json);
  }

  @Test
  void readingNamesTheSourceAndTheMissingField() {
    String json = ManifestJson.write(sample()).replace("\"seed\" : 42,", "");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ManifestJson.read(json, "x/manifest.json"));
    assertEquals("x/manifest.json: field 'seed' is missing; restore the file or re-save the model", e.getMessage());
  }

  @Test
  void readingRejectsAFieldOfTheWrongType() {
    String json = ManifestJson.write(sample()).replace("\"numClasses\" : 2", "\"numClasses\" : \"two\"");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ManifestJson.read(json, "m.json"));
    assertTrue(e.getMessage().contains("field 'numClasses' is \"two\", expected an integer"), e.getMessage());
  }

  @Test
  void readingRejectsInvalidJsonWithItsPosition() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ManifestJson.read("{\n \"a\": ]", "m.json"));
    assertTrue(e.getMessage().startsWith("m.json is not valid JSON (line 2, column"), e.getMessage());
  }

  @Test
  void readingRefusesANewerFormat() {
    String json = ManifestJson.write(sample()).replace("\"format\" : 1", "\"format\" : 9");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ManifestJson.read(json, "m.json"));
    assertTrue(e.getMessage().contains("has manifest format 9 but this Nabla reads up to 1"), e.getMessage());
  }

  @Test
  void readingRejectsAnUnknownActivation() {
    String json = ManifestJson.write(sample()).replace("\"sigmoid\"", "\"swish\"");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ManifestJson.read(json, "m.json"));
    assertTrue(e.getMessage().contains("unknown activation 'swish'"), e.getMessage());
  }

  @Test
  void rejectsClassificationWithFewerThanTwoClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withNumClasses(sample(), Task.CLASSIFICATION, 1));
    assertEquals("manifest field numClasses is 1; a classification model needs at least 2 classes", e.getMessage());
  }

  @Test
  void rejectsRegressionWithClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withNumClasses(sample(), Task.REGRESSION, 2));
    assertTrue(e.getMessage().contains("regression model must have numClasses 0"), e.getMessage());
  }

  @Test
  void rejectsAnActivationCountThatDoesNotMatchTheLayers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Manifest("1", "4", "17",
        "2025-01-01T00:00:00Z", new int[] {4, 3, 1}, List.of("sigmoid"), "quadratic", Task.REGRESSION, 0, "none",
        1, Map.of(), Map.of(), 0, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("do not form a valid network: need one activation per non-input layer"),
        e.getMessage());
  }

  @Test
  void rejectsNegativeTrainingTime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Manifest("1", "4", "17",
        "2025-01-01T00:00:00Z", new int[] {2, 1}, List.of("identity"), "quadratic", Task.REGRESSION, 0, "none",
        1, Map.of(), Map.of(), -1, Map.of(), Map.of()));
    assertEquals("manifest field trainingSeconds is -1.0; it must be a finite number >= 0", e.getMessage());
  }

  @Test
  void isImmutable() {
    Manifest m = sample();
    int[] layers = m.layers();
    layers[0] = 99;
    assertEquals(4, m.layers()[0]);
    assertThrows(UnsupportedOperationException.class, () -> m.notes().put("k", "v"));
  }

  @Test
  void withFinalMetricsReplacesOnlyTheMetrics() {
    Manifest m = sample().withFinalMetrics(Map.of("accuracy", 0.5));
    assertEquals(Map.of("accuracy", 0.5), m.finalMetrics());
    assertEquals(sample().hyperParameters(), m.hyperParameters());
  }
}
