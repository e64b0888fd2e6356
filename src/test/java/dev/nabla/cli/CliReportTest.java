package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.testing.LibsvmBlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code train --report --metrics-every-steps} end to end in local[2]: the report holds the run's numbers. */
class CliReportTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  @TempDir Path dir;

  /** Three Gaussian blobs in 3 dimensions, as LIBSVM. */
  private static List<String> blobs(int n, long seed) {
    return LibsvmBlobs.lines(new double[][] {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, n, seed);
  }

  private String[] args(Path train, Path test, Path report, Path metrics) {
    return new String[] {"train", "--master", "local[2]", "--train", train.toString(), "--test", test.toString(),
        "--layers", "3,8,3", "--activation", "sigmoid", "--learning-rate", "0.5", "--batch-size", "25", "--epochs", "4",
        "--validation-fraction", "0.2", "--partitions", "2", "--report", report.toString(),
        "--metrics-out", metrics.toString(), "--metrics-every-steps", "10"};
  }

  @Test
  void reportChartsHoldTheMetricsFileNumbersAndHeatMapHoldsTheTestSet() throws Exception {
    Path train = Files.write(dir.resolve("train.libsvm"), blobs(500, 1));
    Path test = Files.write(dir.resolve("test.libsvm"), blobs(120, 2));
    Path report = dir.resolve("report.html");
    Path metrics = dir.resolve("m.jsonl");
    CliRunner.Result r = CliRunner.run(args(train, test, report, metrics));
    assertEquals(ExitStatus.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("summary: 4 epochs in") && r.out().contains("best validation accuracy")
        && r.out().contains("  report: " + report), r.out());

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> epochs = new ArrayList<>();
    int steps = 0;
    for (String line : Files.readAllLines(metrics)) {
      JsonNode n = json.readTree(line);
      if (n.path("type").asText().equals("epoch")) {
        epochs.add(n);
      } else if (n.path("type").asText().equals("step")) {
        assertEquals(0, n.get("global_step").asLong() % 10, line);
        assertTrue(n.get("grad_norm").has("layer1") && n.get("grad_norm").has("layer2"), line);
        steps++;
      }
    }
    assertEquals(4, epochs.size());
    long stepsPerEpoch = stepsOf(r.out());
    assertEquals(4 * stepsPerEpoch / 10, steps, "a step line every 10 global steps");

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(report.toFile());
    Map<String, String> metricOf = new HashMap<>(Map.of("train loss", "train_loss", "validation loss", "val_loss",
        "validation accuracy", "val_accuracy", "learning rate", "learning_rate"));
    NodeList lines = doc.getElementsByTagNameNS(SVG, "polyline");
    int matched = 0;
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      String name = line.getAttribute("data-series");
      String[] values = line.getAttribute("data-values").split(" ");
      assertEquals(4, line.getAttribute("points").split(" ").length, name + ": one point per epoch");
      for (int e = 0; e < 4; e++) {
        double want = name.equals("layer 1") || name.equals("layer 2")
            ? epochs.get(e).get("grad_norm").get("layer" + name.charAt(6)).asDouble()
            : name.equals("layer 1 saturated") ? 100 * epochs.get(e).get("saturation").get("layer1").get("saturated").asDouble()
            : epochs.get(e).get(metricOf.get(name)).asDouble();
        assertEquals(want, Double.parseDouble(values[e]), Math.abs(want) * 1e-12, name + " epoch " + (e + 1));
      }
      matched++;
    }
    assertEquals(7, matched, "train/validation loss, accuracy, learning rate, 2 gradient norms, 1 saturation");
    long cells = 0;
    NodeList rects = doc.getElementsByTagNameNS(SVG, "rect");
    for (int i = 0; i < rects.getLength(); i++) {
      String count = ((Element) rects.item(i)).getAttribute("data-count");
      cells += count.isEmpty() ? 0 : Long.parseLong(count);
    }
    assertEquals(120, cells, "the confusion heat map counts every test row once");
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("Final evaluation on test data " + test) && text.contains("nablaVersion"), text);
  }

  /** Steps per epoch from the start line ("… 4 epochs of S steps"). */
  private static long stepsOf(String out) {
    String tail = out.substring(out.indexOf(" epochs of ") + " epochs of ".length());
    return Long.parseLong(tail.substring(0, tail.indexOf(' ')));
  }

  @Test
  void refusesAnExistingReportBeforeTrainingUnlessOverwrite() throws IOException {
    Path train = Files.write(dir.resolve("t.libsvm"), blobs(50, 1));
    Path report = Files.writeString(dir.resolve("old.html"), "keep me");
    CliRunner.Result r = CliRunner.run(args(train, train, report, dir.resolve("x.jsonl")));
    assertEquals(ExitStatus.USAGE, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("--report: " + report + " already exists; pass --overwrite"), r.err());
    assertEquals("keep me", Files.readString(report));
    assertTrue(!r.out().contains("epoch 1:"), "refused before training");
  }
}
